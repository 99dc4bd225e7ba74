using System.Net.Http.Headers;
using Gen.Nswag;

namespace Contract.Clients;

/// <summary>The whole order through the NSwag client (System.Text.Json), as generated.</summary>
public static class NswagOrder
{
    public static async Task RunAsync(string baseUrl, string token)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var client = new PosNswagClient(http) { BaseUrl = baseUrl };
        var itemId = "nswag-burger";

        // The menu: PUT, then GET with its ETag; a PUT against a stale version is 412.
        var menuRequest = new MenuRequest
        {
            Currency = "USD",
            Items = [new MenuItemRequest { Id = itemId, Name = "Burger", PriceMinor = 1250, TaxRateBp = 800, Station = "kitchen" }],
        };
        var put = await client.ReplaceMenuAsync(menuRequest);
        Check.That(put.StatusCode == 200 && put.Result.Items.Any(i => i.Id == itemId), "PUT /menu answers the menu");
        var menu = await client.GetMenuAsync();
        Check.That(Header(menu.Headers, "ETag") == $"\"{menu.Result.Version}\"", "GET /menu answers its version as ETag");
        var stale = await ProblemOf(() => client.ReplaceMenuAsync(menuRequest, if_Match: $"\"{menu.Result.Version - 1}\""));
        Check.That(stale is { Status: 412, Code: "version-mismatch" } && stale.CurrentVersion == menu.Result.Version,
            "PUT /menu with a stale If-Match is 412 version-mismatch with currentVersion");

        // A printer added with the defaults it leaves out: the code page the generated client sends is the server's own.
        var printer = await client.PutPrinterAsync("nswag-kitchen", new PrinterRequest { Name = "Kitchen", Host = "127.0.0.1", Station = "kitchen" });
        Check.That(printer.Result.CodePage == EscPosCodePage.Pc858 && printer.Result.Port == 9100, "PUT /printers/{id} takes the defaults (pc858, 9100)");

        // Open, with an Idempotency-Key.
        var orderId = Guid.NewGuid();
        var opened = await client.OpenOrderAsync(new OpenOrderRequest { OrderId = orderId, Channel = Channel.DineIn, Table = "12", Guests = 2 },
            idempotency_Key: Guid.NewGuid().ToString());
        Check.That(opened.StatusCode == 201 && opened.Result.Channel == Channel.DineIn && Header(opened.Headers, "Location") is not null,
            "POST /orders opens a dine-in order (201, Location)");

        // A line with a note, sent twice with the same Idempotency-Key: applied once, the first answer again.
        var line = new AddLineRequest { LineId = Guid.NewGuid(), MenuItemId = itemId, Quantity = 2, Note = "no onions" };
        var key = Guid.NewGuid().ToString();
        var added = await client.AddLineAsync(orderId, line, idempotency_Key: key);
        var repeated = await client.AddLineAsync(orderId, line, idempotency_Key: key);
        Check.That(added.Result.Lines.Single().Note == "no onions", "the line carries its note");
        Check.That(Header(repeated.Headers, "Idempotent-Replayed") == "true" && repeated.Result.Version == added.Result.Version
            && repeated.Result.Lines.Count == 1, "the same Idempotency-Key answers the first answer (Idempotent-Replayed), one line");

        // A command against a stale version: 412 with the version the order is at and the order itself.
        var conflict = await ProblemOf(() => client.AddLineAsync(orderId,
            new AddLineRequest { LineId = Guid.NewGuid(), MenuItemId = itemId, Quantity = 1 }, if_Match: $"\"{added.Result.Version - 1}\""));
        Check.That(conflict is { Status: 412, Code: "version-mismatch" } && conflict.CurrentVersion == added.Result.Version
            && conflict.Order?.OrderId == orderId, "a stale If-Match is 412 with currentVersion and the order");

        // Fire (at the version read), pay the balance, close.
        var fired = await client.FireOrderAsync(orderId, if_Match: Header(added.Headers, "ETag"));
        Check.That(fired.Result.Lines.All(l => l.Status == LineStatus.Fired), "fire sends the lines to the kitchen");
        var paid = await client.AddPaymentAsync(orderId,
            new AddPaymentRequest { PaymentId = Guid.NewGuid(), Tender = Tender.Card, AmountMinor = fired.Result.BalanceMinor, TipMinor = 100 });
        Check.That(paid.Result.BalanceMinor == 0 && paid.Result.TipMinor == 100, "the payment settles the balance");
        var closed = await client.CloseOrderAsync(orderId);
        Check.That(closed.Result.Status == OrderStatus.Closed, "the order closes");

        // Read back: the order with its ETag, the list a page at a time, the day's report.
        var read = await client.GetOrderAsync(orderId);
        Check.That(Header(read.Headers, "ETag") == $"\"{read.Result.Version}\"", "GET /orders/{id} answers its version as ETag");
        var page = await client.ListOrdersAsync(status: Status.Closed, limit: 1);
        Check.That(page.Result.Orders.Count == 1 && (page.Result.HasMore ? page.Result.NextCursor is not null : page.Result.NextCursor is null),
            "GET /orders pages by cursor");
        var report = await client.DailyReportAsync(closed.Result.BusinessDate);
        Check.That(report.Result.OrdersClosed >= 1 && report.Result.Items.Any(i => i.MenuItemId == itemId), "the day's report counts the order");
    }

    private static string? Header(IReadOnlyDictionary<string, IEnumerable<string>> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static async Task<ProblemDetails?> ProblemOf<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (ApiException<ProblemDetails> e)
        {
            return e.Result;
        }
    }
}
