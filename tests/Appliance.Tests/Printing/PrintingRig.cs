using System.Net.Http.Json;
using System.Text.Json;
using Pos.Grains.Printing.EscPos;
using Pos.Tests.Shared;
using Pos.VirtualPrinter;

namespace Pos.Appliance.Tests.Printing;

/// <summary>
/// An appliance with the test menu and two virtual printers on real TCP ports: "kitchen" (station kitchen)
/// and "bar" (station bar). Retries and failover wait on the appliance's fake clock, which a test moves.
/// </summary>
public sealed class PrintingRig : IAsyncDisposable
{
    private PrintingRig(ApplianceFactory appliance, VirtualPrinterHost kitchen, VirtualPrinterHost bar)
    {
        Appliance = appliance;
        Kitchen = kitchen;
        Bar = bar;
        Client = appliance.NewClient();
    }

    public ApplianceFactory Appliance { get; }
    public HttpClient Client { get; }
    public VirtualPrinterHost Kitchen { get; private set; }
    public VirtualPrinterHost Bar { get; }

    /// <summary>Starts everything; <paramref name="kitchenBackup"/> makes bar the kitchen's backup after that many seconds.</summary>
    public static async Task<PrintingRig> StartAsync(int? kitchenBackup = null, string? connectionString = null)
    {
        var appliance = connectionString is null ? await ApplianceFactory.StartAsync() : await StartOnAsync(connectionString);
        var rig = new PrintingRig(appliance, VirtualPrinterHost.Start("kitchen"), VirtualPrinterHost.Start("bar"));
        await rig.Client.PutMenuAsync();
        await rig.PutPrinterAsync("bar", "Bar", rig.Bar.Port, "bar");
        await rig.PutPrinterAsync("kitchen", "Kitchen", rig.Kitchen.Port, "kitchen",
            kitchenBackup is null ? null : "bar", kitchenBackup);
        return rig;
    }

    public static async Task<ApplianceFactory> StartOnAsync(string connectionString)
    {
        var factory = new ApplianceFactory(connectionString);
        factory.StartServer();
        using var client = factory.NewClient();
        await Poll.UntilAsync(() => client.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the appliance to be ready");
        return factory;
    }

    public async Task PutPrinterAsync(string id, string name, int port, string station, string? backup = null, int? failoverAfter = null)
    {
        using var response = await Client.PutAsJsonAsync($"/api/v1/printers/{id}",
            new { name, host = "127.0.0.1", port, station, backupPrinterId = backup, failoverAfterSeconds = failoverAfter });
        Assert.True(response.IsSuccessStatusCode, $"PUT printer {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Opens an order with the given lines and fires it; returns the order id and number.</summary>
    public async Task<(Guid OrderId, int Number)> FireOrderAsync(params (string Item, int Quantity)[] lines)
    {
        var orderId = Guid.NewGuid();
        using var opened = await Client.OpenAsync(orderId);
        var number = (await opened.JsonAsync()).GetProperty("number").GetInt32();
        foreach (var (item, quantity) in lines)
        {
            (await Client.AddLineAsync(orderId, Guid.NewGuid(), item, quantity)).EnsureSuccessStatusCode();
        }
        await FireAsync(orderId);
        return (orderId, number);
    }

    public async Task FireAsync(Guid orderId)
    {
        using var fired = await Client.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { });
        Assert.True(fired.IsSuccessStatusCode, $"fire: {(int)fired.StatusCode} {await fired.Content.ReadAsStringAsync()}");
    }

    public async Task<IReadOnlyList<ReceivedTicket>> WaitForTicketsAsync(VirtualPrinterHost printer, int count, bool advanceClock = false)
    {
        return await Poll.UntilAsync(() =>
        {
            if (advanceClock && printer.Tickets.Count < count)
            {
                Appliance.Time.Advance(TimeSpan.FromSeconds(1));
            }
            return Task.FromResult(printer.Tickets);
        }, t => t.Count >= count, TimeSpan.FromSeconds(30), $"{count} ticket(s) at {printer.Port}");
    }

    public async Task<JsonElement> PrinterAsync(string id) => await Client.GetJsonAsync($"/api/v1/printers/{id}");

    public async Task<List<JsonElement>> JobsAsync(string printerId, string? status = null) =>
        [.. (await Client.GetJsonAsync($"/api/v1/printers/{printerId}/jobs{(status is null ? "" : "?status=" + status)}"))
            .GetProperty("jobs").EnumerateArray()];

    /// <summary>Journal events of one type.</summary>
    public async Task<List<JsonElement>> EventsAsync(string type) =>
        [.. (await Client.ReadJournalAsync()).Where(e => e.GetProperty("type").GetString() == type)];

    public async Task StopKitchenAsync() => await Kitchen.DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Appliance.DisposeAsync();
        await Kitchen.DisposeAsync();
        await Bar.DisposeAsync();
    }

    /// <summary>The ticket's text lines as printed (decoded by the project's own ESC/POS reader).</summary>
    public static string[] Lines(ReceivedTicket ticket) =>
        EscPosText.Render(EscPosReader.Parse(ticket.Bytes)).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
