namespace Pos.Grains.Printing.Documents;

/// <summary>
/// A print job that is not a kitchen ticket: a drawer kick (<see cref="DrawerKick"/>: ESC p on pin
/// <see cref="DrawerPin"/>, nothing printed) or a page of text (<see cref="Page"/>: a report on the receipt printer).
/// </summary>
[GenerateSerializer, Immutable, Alias("pos.print-document")]
public sealed record PrintDocument(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Title,
    [property: Id(2)] IReadOnlyList<string> Lines,
    [property: Id(3)] int? DrawerPin = null)
{
    public const string DrawerKick = "drawer-kick";
    public const string Page = "page";

    /// <summary>A kick of the drawer on <paramref name="pin"/> (0 or 1) of the printer's drawer connector.</summary>
    public static PrintDocument KickOn(int pin) => new(DrawerKick, "", [], pin);

    /// <summary>A kick goes to the printer its drawer hangs on, never to a backup (that would open another drawer).</summary>
    public bool StaysOnItsPrinter => Kind == DrawerKick;
}
