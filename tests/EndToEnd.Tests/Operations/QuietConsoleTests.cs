using System.Net.Http.Json;
using System.Text.Json;
using Pos.Tests.Shared;
using Pos.VirtualPrinter;

namespace Pos.EndToEnd.Tests.Operations;

/// <summary>
/// The console of a real appliance process, as ./pos run and journald show it: quiet by default, one line per order
/// fired and one per ticket printed, so a fire's tickets come out together with nothing between them, and no line per
/// HTTP request however many requests it answered.
/// </summary>
public sealed class QuietConsoleTests
{
    [Fact]
    public async Task A_fired_order_shows_its_tickets_on_consecutive_lines_and_no_request_is_logged()
    {
        var db = await TestPostgres.CreateDatabaseAsync("e2e");
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-console-").FullName;
        await using var kitchen = VirtualPrinterHost.Start("kitchen");
        await using var bar = VirtualPrinterHost.Start("bar");
        // The product's own levels: not the tests' usual "warnings only" for every category.
        var levels = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" };
        await using var appliance = await ApplianceProcess.StartAsync(db, dataDir, levels);
        using var client = appliance.NewClient();
        await client.PutMenuAsync();
        (await client.PutAsJsonAsync("/api/v1/printers/kitchen", new { name = "Kitchen", host = "127.0.0.1", port = kitchen.Port, station = "kitchen" }))
            .EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("/api/v1/printers/bar", new { name = "Bar", host = "127.0.0.1", port = bar.Port, station = "bar" }))
            .EnsureSuccessStatusCode();
        for (var i = 0; i < 20; i++)
        {
            (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode(); // requests that must leave no line
        }

        var orderId = Guid.NewGuid();
        var opened = await (await client.OpenAsync(orderId)).EnsureSuccessStatusCode().JsonAsync();
        var number = opened.GetProperty("number").GetInt32();
        foreach (var item in new[] { "burger", "fries", "ipa" })
        {
            (await client.AddLineAsync(orderId, Guid.NewGuid(), item, 1)).EnsureSuccessStatusCode();
        }
        (await client.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { })).EnsureSuccessStatusCode();

        var lines = await Poll.UntilAsync(() => Task.FromResult(appliance.Output().Split('\n', StringSplitOptions.RemoveEmptyEntries)),
            l => l.Count(x => x.Contains(": printed the ticket of order #", StringComparison.Ordinal)) == 2, TimeSpan.FromSeconds(60),
            "both tickets' lines on the console");

        var fired = Array.FindIndex(lines, l => l.Contains($"Order #{number} (Table 12) fired: 3 line(s), 2 ticket(s)", StringComparison.Ordinal));
        Assert.True(fired >= 0, "the fire's line:\n" + string.Join('\n', lines));
        var tickets = lines.Skip(fired + 1).Take(2).ToList();
        Assert.All(tickets, t => Assert.Contains($": printed the ticket of order #{number} (Table 12)", t, StringComparison.Ordinal));
        Assert.Contains(tickets, t => t.Contains("Printer kitchen: printed the ticket", StringComparison.Ordinal) && t.Contains("2 line(s)", StringComparison.Ordinal));
        Assert.Contains(tickets, t => t.Contains("Printer bar: printed the ticket", StringComparison.Ordinal) && t.Contains("1 line(s)", StringComparison.Ordinal));
        // Nothing per request: not ASP.NET Core's lines, not the HTTP client's, not Orleans' or Hangfire's information.
        Assert.DoesNotContain(lines, l => l.Contains("Request starting", StringComparison.Ordinal) || l.Contains("Request finished", StringComparison.Ordinal)
            || l.Contains("info: Microsoft.AspNetCore", StringComparison.Ordinal) || l.Contains("info: System.Net.Http", StringComparison.Ordinal)
            || l.Contains("info: Orleans", StringComparison.Ordinal) || l.Contains("info: Hangfire", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_POS_LOG_FORMAT_json_each_entry_is_one_json_object_with_its_fields()
    {
        var db = await TestPostgres.CreateDatabaseAsync("e2e");
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-json-").FullName;
        await using var kitchen = VirtualPrinterHost.Start("kitchen");
        var settings = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning", ["POS_LOG_FORMAT"] = "json" };
        await using var appliance = await ApplianceProcess.StartAsync(db, dataDir, settings);
        using var client = appliance.NewClient();
        await client.PutMenuAsync();
        (await client.PutAsJsonAsync("/api/v1/printers/kitchen", new { name = "Kitchen", host = "127.0.0.1", port = kitchen.Port, station = "kitchen" }))
            .EnsureSuccessStatusCode();
        var orderId = Guid.NewGuid();
        var number = (await (await client.OpenAsync(orderId)).EnsureSuccessStatusCode().JsonAsync()).GetProperty("number").GetInt32();
        (await client.AddLineAsync(orderId, Guid.NewGuid(), "burger", 1)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { })).EnsureSuccessStatusCode();

        var entries = await Poll.UntilAsync(() => Task.FromResult(JsonEntries(appliance.Output())),
            e => e.Any(x => x.GetProperty("Category").GetString() == "Pos.Grains.Printing.PrinterGrain"), TimeSpan.FromSeconds(60),
            "the ticket's entry");

        var fired = Assert.Single(entries, e => e.GetProperty("Category").GetString() == "Pos.Grains.Orders.OrderGrain");
        Assert.Equal("Information", fired.GetProperty("LogLevel").GetString());
        Assert.Equal(number, fired.GetProperty("State").GetProperty("Number").GetInt32());
        Assert.Equal("Table 12", fired.GetProperty("State").GetProperty("Where").GetString());
        var printed = Assert.Single(entries, e => e.GetProperty("Category").GetString() == "Pos.Grains.Printing.PrinterGrain");
        Assert.Equal("kitchen", printed.GetProperty("State").GetProperty("PrinterId").GetString());
    }

    /// <summary>The lines of the output that are JSON objects (the start-up banner is plain text).</summary>
    private static List<JsonElement> JsonEntries(string output)
    {
        var entries = new List<JsonElement>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('{'))
            {
                using var doc = JsonDocument.Parse(line);
                entries.Add(doc.RootElement.Clone());
            }
        }
        return entries;
    }
}
