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

    /// <summary>
    /// Everyone who worked or earned tips that day, by employee id, with the tips of <paramref name="closed"/> (the
    /// date's closed orders by stream id) added. Changes nothing, so more entries can be added and asked again.
    /// </summary>
    public IReadOnlyList<EmployeeLabour> Result(IEnumerable<KeyValuePair<string, OrderState>> closed)
    {
        var tips = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (streamId, order) in closed)
        {
            foreach (var payment in order.Payments)
            {
                if (payment.TipMinor != 0 && (payment.EmployeeId ?? _openers.GetValueOrDefault(streamId)) is { } employee)
                {
                    tips[employee] = checked(tips.GetValueOrDefault(employee) + payment.TipMinor);
                }
            }
        }
        var ids = new SortedSet<string>(_people.Keys, StringComparer.Ordinal);
        ids.UnionWith(tips.Keys);
        return [.. ids.Select(id =>
        {
            var tip = tips.GetValueOrDefault(id);
            return _people.TryGetValue(id, out var p)
                ? new EmployeeLabour(id, p.Name, p.Open.Count + p.Closed.Count, p.Minutes, p.Open.Count > 0, tip)
                : new EmployeeLabour(id, null, 0, 0, false, tip);
        })];
    }

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
    }
}
