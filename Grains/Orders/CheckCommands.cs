using System.Security.Cryptography;
using System.Text;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;

namespace Pos.Grains.Orders;

/// <summary>Moves lines of the order addressed to another open order.</summary>
[GenerateSerializer, Immutable, Alias("pos.move-lines")]
public sealed record MoveLines([property: Id(0)] Guid ToOrderId, [property: Id(1)] IReadOnlyList<Guid> LineIds);

/// <summary>Merges another open order (its lines and payments) into the order addressed, which it closes.</summary>
[GenerateSerializer, Immutable, Alias("pos.merge-order")]
public sealed record MergeOrder([property: Id(0)] Guid FromOrderId);

/// <summary>One new order of a split and the lines it takes; the orderId is the client's, so a retry is recognised.</summary>
[GenerateSerializer, Immutable, Alias("pos.split-group")]
public sealed record SplitGroup([property: Id(0)] Guid OrderId, [property: Id(1)] IReadOnlyList<Guid> LineIds);

/// <summary>
/// Splits the order addressed by lines (each group to a new order) or by seat (one new order per seat, its id derived
/// from the order's and the seat's, so a retry is recognised; lines without a seat stay).
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.split-order")]
public sealed record SplitOrder([property: Id(0)] bool BySeat, [property: Id(1)] IReadOnlyList<SplitGroup> Groups);

/// <summary>
/// Carries an open order of a business date that is over to the current one: a new order (its id the client's, or
/// one derived from the old order's) takes its lines and payments; the old one closes carried over.
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.carry-over")]
public sealed record CarryOver([property: Id(0)] Guid NewOrderId);

/// <summary>Moves the order to another table and/or another server (the employee who owns it from now on).</summary>
[GenerateSerializer, Immutable, Alias("pos.transfer-order")]
public sealed record TransferOrder([property: Id(0)] string? Table, [property: Id(1)] string? EmployeeId);

/// <summary>Closes the order with a reason (a walk-out): whatever is still owed is written off and reported so.</summary>
[GenerateSerializer, Immutable, Alias("pos.close-with-reason")]
public sealed record CloseWithReason([property: Id(0)] string Reason);

/// <summary>The shape rules of the check commands, checked where the request comes in and again by the grains.</summary>
public static class CheckCommandRules
{
    public const int MaxLinesMoved = OrderLimits.MaxLines;
    public const int MaxGroups = 20;
    public const int MaxEmployeeId = 64;

    public static CommandError? Check(MoveLines c, Guid from)
    {
        if (c.ToOrderId == Guid.Empty)
        {
            return Invalid("toOrderId", "toOrderId is required: the order the lines go to.");
        }
        if (c.ToOrderId == from)
        {
            return Invalid("toOrderId", "toOrderId is the order the lines are on; name another order.");
        }
        return CheckLineIds("lineIds", c.LineIds);
    }

    public static CommandError? Check(MergeOrder c, Guid into) =>
        c.FromOrderId == Guid.Empty ? Invalid("fromOrderId", "fromOrderId is required: the order merged into this one.")
        : c.FromOrderId == into ? Invalid("fromOrderId", "An order cannot be merged into itself; name another order.")
        : null;

    public static CommandError? Check(SplitOrder c, Guid parent)
    {
        if (c.BySeat)
        {
            return null;
        }
        if (c.Groups.Count is < 1 or > MaxGroups)
        {
            return Invalid("groups", $"groups must hold 1 to {MaxGroups} new orders, each with its orderId and lineIds.");
        }
        var seenOrders = new HashSet<Guid>();
        var seenLines = new HashSet<Guid>();
        for (var i = 0; i < c.Groups.Count; i++)
        {
            var g = c.Groups[i];
            if (g.OrderId == Guid.Empty || g.OrderId == parent || !seenOrders.Add(g.OrderId))
            {
                return Invalid($"groups[{i}].orderId", $"groups[{i}].orderId must be a new UUID the client chooses, another for each group.");
            }
            if (CheckLineIds($"groups[{i}].lineIds", g.LineIds) is { } bad)
            {
                return bad;
            }
            if (g.LineIds.FirstOrDefault(l => !seenLines.Add(l)) is var twice && twice != Guid.Empty)
            {
                return Invalid($"groups[{i}].lineIds", $"Line {twice} is in two groups; a line goes to one order.");
            }
        }
        return null;
    }

    public static CommandError? Check(CarryOver c, Guid old) =>
        c.NewOrderId == Guid.Empty || c.NewOrderId == old ? Invalid("newOrderId", "newOrderId must be a new UUID, not the order's own.") : null;

    public static CommandError? Check(TransferOrder c)
    {
        if (c.Table is null && c.EmployeeId is null)
        {
            return Invalid("table", "Send table, employeeId or both: where the order goes.");
        }
        return TextRules.Check("table", c.Table, OrderFieldLimits.MaxTable, required: c.Table is not null)
            ?? TextRules.Check("employeeId", c.EmployeeId, MaxEmployeeId, required: c.EmployeeId is not null, identifier: true);
    }

    public static CommandError? Check(CloseWithReason c) => TextRules.Check("reason", c.Reason, OrderFieldLimits.MaxText, required: true);

    /// <summary>The id of a new order derived from another's and a purpose ("seat-2", "carry-over"): the same every time.</summary>
    public static Guid DerivedId(Guid from, string purpose)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{from:D}/{purpose}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (custom), as Guid stores its fields
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes);
    }

    private static CommandError? CheckLineIds(string field, IReadOnlyList<Guid>? ids)
    {
        if (ids is null || ids.Count is < 1 or > MaxLinesMoved)
        {
            return Invalid(field, $"{field} must name 1 to {MaxLinesMoved} lines.");
        }
        if (ids.Contains(Guid.Empty) || ids.Distinct().Count() != ids.Count)
        {
            return Invalid(field, $"{field} must name each line once, by its lineId.");
        }
        return null;
    }

    private static CommandError Invalid(string field, string detail) => new(ErrorCodes.ValidationFailed, detail, field);
}
