namespace Pos.Grains.Printing.Tickets;

/// <summary>Why a ticket goes to the kitchen: new lines to prepare, or lines to stop preparing.</summary>
public enum TicketKind
{
    Fire,
    Void,
}

/// <summary>One kitchen ticket: what one station must prepare (or stop preparing) for one order.</summary>
[GenerateSerializer, Immutable, Alias("pos.kitchen-ticket")]
public sealed record KitchenTicket(
    [property: Id(0)] string JobId,
    [property: Id(1)] int OrderNumber,
    [property: Id(2)] string TableOrChannel,
    [property: Id(3)] int? Guests,
    [property: Id(4)] DateTimeOffset Time,
    [property: Id(5)] string ServerName,
    [property: Id(6)] string Station,
    [property: Id(7)] TicketKind Kind,
    [property: Id(8)] bool IsReprint,
    [property: Id(9)] string? MeantFor,
    [property: Id(10)] IReadOnlyList<KitchenTicketLine> Lines);

/// <summary>One line on a kitchen ticket.</summary>
[GenerateSerializer, Immutable, Alias("pos.kitchen-ticket-line")]
public sealed record KitchenTicketLine(
    [property: Id(0)] int Quantity,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Modifiers,
    [property: Id(3)] string? Note,
    [property: Id(4)] string? Course = null)
{
    /// <summary>The guest's seat (1 = the first), printed under the item; null for the table.</summary>
    [Id(5)] public int? Seat { get; init; }

    /// <summary>The options chosen of the item's modifier groups, printed under the item before the free-text modifiers.</summary>
    [Id(6)] public IReadOnlyList<string> Options { get; init; } = [];
}
