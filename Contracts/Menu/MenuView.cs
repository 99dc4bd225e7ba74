namespace Pos.Contracts.Menu;

// The appliance's menu grain has a view of its own (an Orleans type); Api maps it to this one at the edge.

/// <summary>The menu in force and its version.</summary>
public sealed record MenuView(int Version, string Currency, IReadOnlyList<MenuItem> Items, DateTimeOffset UpdatedAt)
{
    /// <summary>The headings the items are listed under, in the order to list them; items without a categoryId come after.</summary>
    public IReadOnlyList<MenuCategory> Categories { get; init; } = [];

    /// <summary>
    /// The items sold out (86'd) or counted, with what is left; every item not listed is available. Changes come live
    /// as journal entries of the <c>availability</c> stream (GET /api/v1/events, kind <c>menu</c>).
    /// </summary>
    public IReadOnlyList<ItemAvailabilityView> Availability { get; init; } = [];

    /// <summary>
    /// The version of the <c>availability</c> stream this answer shows (0 before any item was 86'd or counted). A device
    /// that saw that stream's entry N and reads a lower version here reads the menu again: the answer came from before it.
    /// </summary>
    public int AvailabilityVersion { get; init; }
}
