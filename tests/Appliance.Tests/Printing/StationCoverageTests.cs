using System.Net.Http.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Printing;

/// <summary>GET /api/v1/printers names the menu's stations that no printer serves, before a line is fired there.</summary>
public sealed class StationCoverageTests
{
    [Fact]
    public async Task A_menu_station_without_a_printer_is_listed_until_a_printer_serves_it()
    {
        await using var rig = await PrintingRig.StartAsync();
        Assert.Empty(await StationsWithoutPrinterAsync(rig));

        var menu = PosClient.Menu(
            new { id = "gelato", name = "Gelato", priceMinor = 550, taxRateBp = 825, station = "Dessert" },
            new { id = "sorbet", name = "Sorbet", priceMinor = 500, taxRateBp = 825, station = "dessert" });
        (await rig.Client.PutAsJsonAsync("/api/v1/menu", menu)).EnsureSuccessStatusCode();
        Assert.Equal(["Dessert"], await StationsWithoutPrinterAsync(rig));

        // Station names match ignoring case, as routing does.
        await rig.PutPrinterAsync("dessert", "Dessert", rig.Bar.Port, "DESSERT");
        Assert.Empty(await StationsWithoutPrinterAsync(rig));
    }

    private static async Task<List<string>> StationsWithoutPrinterAsync(PrintingRig rig) =>
        [.. (await rig.Client.GetJsonAsync("/api/v1/printers")).GetProperty("stationsWithoutPrinter").EnumerateArray().Select(s => s.GetString()!)];
}
