using Pos.Contracts.Money;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;


namespace Pos.Grains.Orders;

/// <summary>Opens an order under an id the client chose.</summary>
[GenerateSerializer, Immutable, Alias("pos.open-order")]
public sealed record OpenOrder(
    [property: Id(0)] Guid OrderId,
    [property: Id(1)] Channel Channel,
    [property: Id(2)] string? Table,
    [property: Id(3)] int? Guests);

/// <summary>
/// Adds a menu item to the order under a line id the client chose, with the options chosen of its modifier groups,
/// the guest's seat and the course (1-based), and whether the line is held until its course is fired.
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.add-line")]
public sealed record AddLine(
    [property: Id(0)] Guid LineId,
    [property: Id(1)] string MenuItemId,
    [property: Id(2)] int Quantity,
    [property: Id(3)] string? Note,
    [property: Id(4)] IReadOnlyList<string>? Modifiers,
    [property: Id(5)] IReadOnlyList<OptionChoice>? Options = null,
    [property: Id(6)] int? Seat = null,
    [property: Id(7)] int? Course = null,
    [property: Id(8)] bool Hold = false);

/// <summary>An option chosen for a line: a modifier group of the item and one of its options, by id.</summary>
[GenerateSerializer, Immutable, Alias("pos.option-choice")]
public sealed record OptionChoice(
    [property: Id(0)] string GroupId,
    [property: Id(1)] string OptionId);

/// <summary>Fires the order: one course's pending lines (held ones too), or with no course every pending line not held.</summary>
[GenerateSerializer, Immutable, Alias("pos.fire-order")]
public sealed record FireOrder([property: Id(0)] int? Course = null);

/// <summary>
/// Voids a line. <paramref name="MayVoidFired"/> is the sender's capability to void a line already fired (a manager,
/// or a manager's approval): decided by the order, which alone knows whether the line has fired when the void applies.
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.void-line")]
public sealed record VoidLine(
    [property: Id(0)] Guid LineId,
    [property: Id(1)] string Reason,
    [property: Id(2)] bool MayVoidFired = false);

/// <summary>Takes a payment under a payment id the client chose. Tips are on top of the amount.</summary>
[GenerateSerializer, Immutable, Alias("pos.add-payment")]
public sealed record AddPayment(
    [property: Id(0)] Guid PaymentId,
    [property: Id(1)] Tender Tender,
    [property: Id(2)] long AmountMinor,
    [property: Id(3)] long TipMinor,
    [property: Id(4)] string? Reference);

/// <summary>
/// Shape rules every order command must meet before it is looked at against the order: run where the request comes
/// in, before any grain or database is touched, and again by the grain. Text is checked by <see cref="TextRules"/>;
/// amounts by <see cref="MoneyLimits"/>.
/// </summary>
public static class OrderCommandRules
{
    // The limits are part of the contract (Contracts' OrderFieldLimits), so the requests state what the rules take.
    public const int MaxQuantity = OrderFieldLimits.MaxQuantity;
    public const int MaxText = OrderFieldLimits.MaxText;
    public const int MaxTable = OrderFieldLimits.MaxTable;
    public const int MaxMenuItemId = OrderFieldLimits.MaxMenuItemId;
    public const int MaxModifiers = OrderFieldLimits.MaxModifiers;
    public const int MaxModifierText = OrderFieldLimits.MaxModifierText;
    public const int MaxGuests = OrderFieldLimits.MaxGuests;

    public static CommandError? Check(OpenOrder c)
    {
        if (c.OrderId == Guid.Empty)
        {
            return Invalid("orderId", "orderId must be a UUID chosen by the client.");
        }
        if (TextRules.Check("table", c.Table, MaxTable) is { } table)
        {
            return table;
        }
        if (c.Guests is < 1 or > MaxGuests)
        {
            return Invalid("guests", $"guests must be between 1 and {MaxGuests}.");
        }
        return null;
    }

    public static CommandError? Check(AddLine c)
    {
        if (c.LineId == Guid.Empty)
        {
            return Invalid("lineId", "lineId must be a UUID chosen by the client.");
        }
        if (TextRules.Check("menuItemId", c.MenuItemId, MaxMenuItemId, required: true, identifier: true) is { } item)
        {
            return item;
        }
        if (c.Quantity is < 1 or > MaxQuantity)
        {
            return Invalid("quantity", $"quantity must be a whole number from 1 to {MaxQuantity}.");
        }
        // A kitchen note may run over several lines; the ticket prints each.
        if (TextRules.Check("note", c.Note, MaxText, multiLine: true) is { } note)
        {
            return note;
        }
        if (CheckPlacement(c) is { } placement)
        {
            return placement;
        }
        if (c.Modifiers is { } mods)
        {
            if (mods.Count > MaxModifiers)
            {
                return Invalid("modifiers", $"modifiers must be at most {MaxModifiers} texts.");
            }
            for (var i = 0; i < mods.Count; i++)
            {
                if (TextRules.Check($"modifiers[{i}]", mods[i], MaxModifierText, required: true) is { } modifier)
                {
                    return modifier;
                }
            }
        }
        return null;
    }

    public static CommandError? Check(FireOrder c) =>
        c.Course is < 1 or > OrderFieldLimits.MaxCourse
            ? Invalid("course", $"course must be from 1 to {OrderFieldLimits.MaxCourse}, or left out to fire every pending line not held.")
            : null;

    /// <summary>A line's seat, course and options: in range, each option naming a group and an option by id.</summary>
    private static CommandError? CheckPlacement(AddLine c)
    {
        if (c.Seat is < 1 or > OrderFieldLimits.MaxSeat)
        {
            return Invalid("seat", $"seat must be from 1 to {OrderFieldLimits.MaxSeat}, or left out for the table.");
        }
        if (c.Course is < 1 or > OrderFieldLimits.MaxCourse)
        {
            return Invalid("course", $"course must be from 1 to {OrderFieldLimits.MaxCourse}, or left out.");
        }
        if (c.Hold && c.Course is null)
        {
            return Invalid("hold", "a held line needs a course: it waits for that course to be fired.");
        }
        var options = c.Options ?? [];
        if (options.Count > OrderFieldLimits.MaxOptions)
        {
            return Invalid("options", $"options must be at most {OrderFieldLimits.MaxOptions} choices.");
        }
        for (var i = 0; i < options.Count; i++)
        {
            if (options[i] is not { } option)
            {
                return Invalid($"options[{i}]", "each option needs groupId and optionId.");
            }
            if (TextRules.Check($"options[{i}].groupId", option.GroupId, 64, required: true, identifier: true) is { } group)
            {
                return group;
            }
            if (TextRules.Check($"options[{i}].optionId", option.OptionId, 64, required: true, identifier: true) is { } chosen)
            {
                return chosen;
            }
        }
        return null;
    }

    public static CommandError? Check(VoidLine c)
    {
        if (c.LineId == Guid.Empty)
        {
            return Invalid("lineId", "lineId is required.");
        }
        return TextRules.Check("reason", c.Reason, MaxText, required: true);
    }

    public static CommandError? Check(AddPayment c)
    {
        if (c.PaymentId == Guid.Empty)
        {
            return Invalid("paymentId", "paymentId must be a UUID chosen by the client.");
        }
        if (c.AmountMinor is <= 0 or > MoneyLimits.MaxOrderTotalMinor)
        {
            return Invalid("amountMinor", $"amountMinor must be from 1 to {MoneyLimits.MaxOrderTotalMinor} (minor units).");
        }
        if (c.TipMinor is < 0 or > MoneyLimits.MaxOrderTotalMinor)
        {
            return Invalid("tipMinor", $"tipMinor must be from 0 to {MoneyLimits.MaxOrderTotalMinor} (minor units).");
        }
        return TextRules.Check("reference", c.Reference, MaxText);
    }

    private static CommandError Invalid(string field, string detail) => new(ErrorCodes.ValidationFailed, detail, field);
}
