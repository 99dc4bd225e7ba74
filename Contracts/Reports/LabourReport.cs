using Pos.Contracts.Journal;
using Pos.Contracts.Orders;
using Pos.Contracts.Staff;

namespace Pos.Contracts.Reports;

/// <summary>
/// One person's day: the shifts that count for the date (<see cref="ClockedIn"/> events of it, and clock-outs that
/// came after its seal), the whole minutes of the ones that ended, whether one is still open, and the tips of the
/// closed orders' payments that are theirs.
/// </summary>
public sealed record EmployeeLabour(string EmployeeId, string? Name, int Shifts, long MinutesWorked, bool ClockedIn, long TipsMinor);

/// <summary>
/// Folds a business date's journal entries into its labour, per employee. Pure and shared by the appliance and the
/// cloud, so both show the same figures. A payment's tip is the employee's the payment records (the person signed in
/// when it was taken), else that of the person who opened the order; a payment taken on a device without anyone
/// signed in, on an order nobody signed in opened, is nobody's tip here (it still counts in the day's tips).
/// </summary>
public sealed class LabourFold
{
    private readonly SortedDictionary<string, Person> _people = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _openers = new(StringComparer.Ordinal);

    /// <summary>Takes one entry of the date (orders' openers, clock events); others are ignored.</summary>
    public void Add(JournalEntry entry)
    {
        if (entry.Type == nameof(OrderOpened))
        {
            if (entry.EmployeeId is { } opener)
            {
                _openers[entry.StreamId] = opener;
            }
            return;
        }
        if (entry.Type is not (nameof(ClockedIn) or nameof(ClockedOut)))
        {
            return;
        }
        switch (StaffEvents.FromJournal(entry.Type, entry.Data))
        {
            case ClockedIn clockedIn:
                PersonOf(clockedIn.EmployeeId, clockedIn.Name).Open.Add(clockedIn.ShiftId);
                break;
            case ClockedOut clockedOut:
                var person = PersonOf(clockedOut.EmployeeId, clockedOut.Name);
                // A clock-out counts the shift whether or not its clock-in is of this date (it came after the date's seal).
                person.Open.Remove(clockedOut.ShiftId);
                if (person.Closed.Add(clockedOut.ShiftId))
                {
                    person.Minutes = checked(person.Minutes + (long)Math.Floor((clockedOut.OutAt - clockedOut.InAt).TotalMinutes));
                }
                break;
        }
    }

    /// <summary>Adds the tips of a closed order's payments to their people.</summary>
    public void AddTips(string streamId, OrderState order)
    {
        foreach (var payment in order.Payments)
        {
            if (payment.TipMinor != 0 && (payment.EmployeeId ?? _openers.GetValueOrDefault(streamId)) is { } employee)
            {
                var person = PersonOf(employee, null);
                person.Tips = checked(person.Tips + payment.TipMinor);
            }
        }
    }

    /// <summary>Everyone who worked or earned tips that day, by employee id.</summary>
    public IReadOnlyList<EmployeeLabour> Result() =>
        [.. _people.Select(p => new EmployeeLabour(
            p.Key, p.Value.Name, p.Value.Open.Count + p.Value.Closed.Count, p.Value.Minutes, p.Value.Open.Count > 0, p.Value.Tips))];

    private Person PersonOf(string employeeId, string? name)
    {
        if (!_people.TryGetValue(employeeId, out var person))
        {
            _people[employeeId] = person = new Person();
        }
        person.Name = name ?? person.Name;
        return person;
    }

    private sealed class Person
    {
        public string? Name { get; set; }
        public HashSet<Guid> Open { get; } = [];
        public HashSet<Guid> Closed { get; } = [];
        public long Minutes { get; set; }
        public long Tips { get; set; }
    }
}
