using Pos.Api.Staff;
using Pos.Contracts.Journal;
using Pos.Contracts.Staff;

namespace Pos.Appliance.Staff;

/// <summary>
/// An employee folded from their journal stream: name, role, whether active, the open shift, and the versions whose
/// save set a PIN (the PIN hash in force is the row of the latest of those, <see cref="StaffBook"/>).
/// </summary>
public sealed class EmployeeFold
{
    public string EmployeeId { get; }
    public string? Name { get; private set; }
    public string Role { get; private set; } = "";
    public bool Active { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public Guid? OpenShift { get; private set; }
    public DateTimeOffset? ClockedInAt { get; private set; }
    public int? PinVersion { get; private set; }
    public bool Exists => Name is not null;

    public EmployeeFold(string employeeId) => EmployeeId = employeeId;

    public static EmployeeFold Of(string employeeId, IEnumerable<JournalEntry> stream)
    {
        var fold = new EmployeeFold(employeeId);
        foreach (var entry in stream)
        {
            fold.Apply(entry);
        }
        return fold;
    }

    public void Apply(JournalEntry entry)
    {
        Version = entry.StreamVersion;
        switch (StaffEvents.FromJournal(entry.Type, entry.Data))
        {
            case EmployeeSaved saved:
                (Name, Role, Active, UpdatedAt) = (saved.Name, saved.Role, saved.Active, entry.OccurredAt);
                PinVersion = !saved.Active ? null : saved.PinChanged ? entry.StreamVersion : PinVersion;
                break;
            case EmployeeDeactivated:
                (Active, UpdatedAt, PinVersion) = (false, entry.OccurredAt, null);
                break;
            case ClockedIn clockedIn:
                (OpenShift, ClockedInAt) = (clockedIn.ShiftId, clockedIn.At);
                break;
            case ClockedOut:
                (OpenShift, ClockedInAt) = (null, null);
                break;
        }
    }

    /// <summary>The employee as the roster holds them, with the PIN hash in force.</summary>
    public Employee ToEmployee(string? pinHash) =>
        new(EmployeeId, Name!, Role, Active, Active ? pinHash : null, Version, UpdatedAt, OpenShift, ClockedInAt);
}
