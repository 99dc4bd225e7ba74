namespace Pos.StaffApp.Staff;

/// <summary>
/// Which refusals a manager's approval can turn around: the "needs approval" cells of the appliance's permission table
/// (docs/SECURITY.md, "Permissions by role"; a test reads that table and fails when this one differs). A refusal for
/// any other permission is final for the role: the screen says to ask a manager, and offers no PIN prompt.
/// </summary>
public static class Approvals
{
    private static readonly Dictionary<string, string[]> NeedsApproval = new(StringComparer.Ordinal)
    {
        ["menu.availability"] = ["server"],
        ["lines.void-fired"] = ["server", "bartender", "integration"],
        ["orders.close-out"] = ["server", "bartender", "integration"],
        ["orders.reopen"] = ["server", "bartender", "integration"],
        ["discounts.above-threshold"] = ["server", "bartender", "integration"],
        ["payments.refund"] = ["server", "bartender", "integration"],
        ["payments.adjust-tip"] = ["server", "bartender", "integration"],
        ["printers.reprint"] = ["server", "bartender", "kitchen"],
    };

    /// <summary>The table as (permission, role) pairs, for the test that holds it to the appliance's.</summary>
    public static IEnumerable<(string Permission, string Role)> All =>
        NeedsApproval.SelectMany(p => p.Value.Select(role => (p.Key, role)));

    /// <summary>Whether <paramref name="role"/> may do what <paramref name="permission"/> covers with a manager's approval.</summary>
    public static bool Possible(string? role, string? permission) =>
        role is not null && permission is not null && NeedsApproval.TryGetValue(permission, out var roles) && roles.Contains(role, StringComparer.Ordinal);

    /// <summary>What a refused approval says, in words for the manager and the person beside them.</summary>
    public static string Refused(Pos.Client.Http.ApplianceProblem problem) => problem.Code switch
    {
        "pin-locked" when problem.LockedUntil is { } until =>
            $"Too many wrong PINs: PINs are locked on this phone until {Pos.StaffApp.Manager.SyncSection.When(until)}. {problem.Detail}",
        "pin-locked" => $"Too many wrong PINs: wait, then try again. {problem.Detail}",
        "approver-not-manager" => $"That PIN is not a manager's: only a manager can approve this. {problem.Detail}",
        "pin-invalid" or "permission-denied" => $"That PIN was refused. {problem.Detail}",
        _ => problem.Detail,
    };
}
