using Pos.Grains.Commands;

namespace Pos.Grains.Orders;

/// <summary>Opens an order under an id the client chose.</summary>
[GenerateSerializer, Immutable, Alias("pos.open-order")]
public sealed record OpenOrder(
    [property: Id(0)] Guid OrderId,
    [property: Id(1)] Channel Channel,
    [property: Id(2)] string? Table,
    [property: Id(3)] int? Guests);

/// <summary>Adds a menu item to the order under a line id the client chose.</summary>
[GenerateSerializer, Immutable, Alias("pos.add-line")]
public sealed record AddLine(
    [property: Id(0)] Guid LineId,
    [property: Id(1)] string MenuItemId,
    [property: Id(2)] int Quantity,
    [property: Id(3)] string? Note,
    [property: Id(4)] IReadOnlyList<string>? Modifiers);

[GenerateSerializer, Immutable, Alias("pos.void-line")]
public sealed record VoidLine(
    [property: Id(0)] Guid LineId,
    [property: Id(1)] string Reason);

/// <summary>Takes a payment under a payment id the client chose. Tips are on top of the amount.</summary>
[GenerateSerializer, Immutable, Alias("pos.add-payment")]
public sealed record AddPayment(
    [property: Id(0)] Guid PaymentId,
    [property: Id(1)] Tender Tender,
    [property: Id(2)] long AmountMinor,
    [property: Id(3)] long TipMinor,
    [property: Id(4)] string? Reference);

/// <summary>Shape rules every order command must meet before it is looked at against the order.</summary>
public static class OrderCommandRules
{
    public const int MaxQuantity = 999;
    public const int MaxText = 200;
    public const int MaxModifiers = 20;
    public const int MaxGuests = 500;

    public static CommandError? Check(OpenOrder c)
    {
        if (c.OrderId == Guid.Empty)
        {
            return Invalid("orderId", "orderId must be a UUID chosen by the client.");
        }
        if (c.Table is { Length: > 20 })
        {
            return Invalid("table", "table must be at most 20 characters.");
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
        if (string.IsNullOrWhiteSpace(c.MenuItemId))
        {
            return Invalid("menuItemId", "menuItemId is required.");
        }
        if (c.Quantity is < 1 or > MaxQuantity)
        {
            return Invalid("quantity", $"quantity must be a whole number from 1 to {MaxQuantity}.");
        }
        if (c.Note is { Length: > MaxText })
        {
            return Invalid("note", $"note must be at most {MaxText} characters.");
        }
        if (c.Modifiers is { } mods && (mods.Count > MaxModifiers || mods.Any(m => string.IsNullOrWhiteSpace(m) || m.Length > 60)))
        {
            return Invalid("modifiers", $"modifiers must be at most {MaxModifiers} non-empty texts of up to 60 characters.");
        }
        return null;
    }

    public static CommandError? Check(VoidLine c)
    {
        if (c.LineId == Guid.Empty)
        {
            return Invalid("lineId", "lineId is required.");
        }
        if (string.IsNullOrWhiteSpace(c.Reason) || c.Reason.Length > MaxText)
        {
            return Invalid("reason", $"reason is required, at most {MaxText} characters.");
        }
        return null;
    }

    public static CommandError? Check(AddPayment c)
    {
        if (c.PaymentId == Guid.Empty)
        {
            return Invalid("paymentId", "paymentId must be a UUID chosen by the client.");
        }
        if (c.AmountMinor <= 0)
        {
            return Invalid("amountMinor", "amountMinor must be greater than zero.");
        }
        if (c.TipMinor < 0)
        {
            return Invalid("tipMinor", "tipMinor cannot be negative.");
        }
        if (c.Reference is { Length: > MaxText })
        {
            return Invalid("reference", $"reference must be at most {MaxText} characters.");
        }
        return null;
    }

    private static CommandError Invalid(string field, string detail) => new(ErrorCodes.ValidationFailed, detail, field);
}
