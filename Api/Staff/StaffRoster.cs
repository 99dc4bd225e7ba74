using System.Collections.Concurrent;
using System.Diagnostics;
using Pos.Contracts.Staff;

namespace Pos.Api.Staff;

/// <summary>An employee as the appliance holds them in memory: the journal's view of them and their PIN's hash.</summary>
public sealed record Employee(
    string EmployeeId, string Name, string Role, bool Active, string? PinHash, int Version, DateTimeOffset UpdatedAt,
    Guid? OpenShift = null, DateTimeOffset? ClockedInAt = null)
{
    public EmployeeView ToView() => new(EmployeeId, Name, Role, Active, UpdatedAt, ClockedInAt);
}

/// <summary>
/// Every employee of the store in memory (a store has tens), with their PIN's hash: a sign-in or an approval is
/// checked without the database. Filled at start and kept by the store's staff book after each change it journals.
/// A PIN is matched against each active employee's hash in turn, the most recently matched first (the people on
/// shift), one scan at a time so a burst of sign-ins never takes both cores from the tills.
/// </summary>
public sealed class StaffRoster
{
    private readonly ConcurrentDictionary<string, Employee> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lastMatched = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _scan = new(1, 1);
    private volatile bool _loaded;

    /// <summary>Whether the staff book has filled the roster (until then, PINs and sessions answer 503).</summary>
    public bool Loaded => _loaded;

    public void MarkLoaded() => _loaded = true;

    public Employee? Find(string employeeId) => _byId.GetValueOrDefault(employeeId);

    public IReadOnlyList<Employee> All() => [.. _byId.Values.OrderBy(e => e.EmployeeId, StringComparer.Ordinal)];

    public void Put(Employee employee) => _byId[employee.EmployeeId] = employee;

    /// <summary>
    /// The active employee whose PIN this is, or null; <paramref name="except"/> is left out (an employee whose PIN is
    /// being changed). Each hash is checked in constant time; the scan stops at the match.
    /// </summary>
    public async Task<Employee?> MatchAsync(string pin, string? except, CancellationToken cancellationToken)
    {
        var candidates = _byId.Values
            .Where(e => e.Active && e.PinHash is not null && !string.Equals(e.EmployeeId, except, StringComparison.Ordinal))
            .OrderByDescending(e => _lastMatched.GetValueOrDefault(e.EmployeeId))
            .ThenBy(e => e.EmployeeId, StringComparer.Ordinal)
            .ToList();
        await _scan.WaitAsync(cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            foreach (var employee in candidates)
            {
                if (PinHash.Matches(pin, employee.PinHash!))
                {
                    _lastMatched[employee.EmployeeId] = started;
                    return employee;
                }
            }
            return null;
        }
        finally
        {
            _scan.Release();
        }
    }
}
