namespace Pos.Contracts.Orders;

/// <summary>
/// How long or large the fields of an order command may be: stated on the requests for the OpenAPI document and
/// enforced by the order rules, from this one place. Text is counted in characters.
/// </summary>
public static class OrderFieldLimits
{
    public const int MaxQuantity = 999;
    public const int MaxText = 200;
    public const int MaxTable = 20;
    public const int MaxMenuItemId = 64;
    public const int MaxModifiers = 20;
    public const int MaxModifierText = 60;
    public const int MaxGuests = 500;
    public const int MaxSeat = 100;
    public const int MaxCourse = 9;
    public const int MaxOptions = 50;
}
