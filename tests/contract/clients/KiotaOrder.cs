using Gen.Kiota;
using Gen.Kiota.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace Contract.Clients;

/// <summary>The whole order through the Kiota client, as generated.</summary>
public static class KiotaOrder
{
    public static async Task RunAsync(string baseUrl, string token)
    {
        using var http = KiotaClientFactory.Create();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = baseUrl };
        var client = new PosKiotaClient(adapter);
        var itemId = "kiota-burger";

        // The menu: PUT, then GET with its ETag; a PUT against a stale version is 412.
        var menuRequest = new MenuRequest
        {
            Currency = "USD",
            Items = [new MenuItemRequest { Id = itemId, Name = "Burger", PriceMinor = 1250, TaxRateBp = 800, Station = "kitchen" }],
        };
        var put = await client.Api.V1.Menu.PutAsync(menuRequest);
        Check.That(put!.Items!.Any(i => i.Id == itemId), "PUT /menu answers the menu");
        var menuHeaders = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var menu = await client.Api.V1.Menu.GetAsync(c => c.Options.Add(menuHeaders));
        Check.That(Header(menuHeaders, "ETag") == $"\"{menu!.Version}\"", "GET /menu answers its version as ETag");
        var stale = await ProblemOf(() => client.Api.V1.Menu.PutAsync(menuRequest, c => c.Headers.Add("If-Match", $"\"{menu.Version - 1}\"")));
        Check.That(stale is { ResponseStatusCode: 412, Code: "version-mismatch" } && stale.CurrentVersion == menu.Version,
            "PUT /menu with a stale If-Match is 412 version-mismatch with currentVersion");

        // A printer with the defaults it leaves out.
        var printer = await client.Api.V1.Printers["kiota-kitchen"].PutAsync(new PrinterRequest { Name = "Kitchen", Host = "127.0.0.1", Station = "kitchen" });
        Check.That(printer!.CodePage == EscPosCodePage.Pc858 && printer.Port == 9100, "PUT /printers/{id} takes the defaults (pc858, 9100)");

        // Open, with an Idempotency-Key.
        var orderId = Guid.NewGuid();
        var opened = await client.Api.V1.Orders.PostAsync(new OpenOrderRequest { OrderId = orderId, Channel = Channel.DineIn, Table = "12", Guests = 2 },
            c => c.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()));
        Check.That(opened!.Channel == Channel.DineIn && opened.OrderId == orderId, "POST /orders opens a dine-in order");

        // A line with a note, sent twice with the same Idempotency-Key: applied once, the first answer again.
        var order = client.Api.V1.Orders[orderId];
        var line = new AddLineRequest { LineId = Guid.NewGuid(), MenuItemId = itemId, Quantity = 2, Note = "no onions" };
        var key = Guid.NewGuid().ToString();
        var firstHeaders = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var added = await order.Lines.PostAsync(line, c => { c.Headers.Add("Idempotency-Key", key); c.Options.Add(firstHeaders); });
        var replayHeaders = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var repeated = await order.Lines.PostAsync(line, c => { c.Headers.Add("Idempotency-Key", key); c.Options.Add(replayHeaders); });
        Check.That(added!.Lines!.Single().Note == "no onions", "the line carries its note");
        Check.That(Header(replayHeaders, "Idempotent-Replayed") == "true" && repeated!.Version == added.Version && repeated.Lines!.Count == 1,
            "the same Idempotency-Key answers the first answer (Idempotent-Replayed), one line");

        // A command against a stale version: 412 with the version the order is at and the order itself.
        var conflict = await ProblemOf(() => order.Lines.PostAsync(new AddLineRequest { LineId = Guid.NewGuid(), MenuItemId = itemId, Quantity = 1 },
            c => c.Headers.Add("If-Match", $"\"{added.Version - 1}\"")));
        Check.That(conflict is { ResponseStatusCode: 412, Code: "version-mismatch" } && conflict.CurrentVersion == added.Version
            && conflict.Order?.OrderId == orderId, "a stale If-Match is 412 with currentVersion and the order");

        // Fire (at the version read), pay the balance, close.
        var fired = await order.Fire.PostAsync(new FireRequest(), c => c.Headers.Add("If-Match", Header(firstHeaders, "ETag")!));
        Check.That(fired!.Lines!.All(l => l.Status == LineStatus.Fired), "fire sends the lines to the kitchen");
        var paid = await order.Payments.PostAsync(
            new AddPaymentRequest { PaymentId = Guid.NewGuid(), Tender = Tender.Card, AmountMinor = fired.BalanceMinor, TipMinor = 100 });
        Check.That(paid!.BalanceMinor == 0 && paid.TipMinor == 100, "the payment settles the balance");
        var closed = await order.Close.PostAsync(new EmptyRequest());
        Check.That(closed!.Status == OrderStatus.Closed, "the order closes");

        // Read back: the list a page at a time, the day's report.
        var page = await client.Api.V1.Orders.GetAsync(c => { c.QueryParameters.Status = Gen.Kiota.Api.V1.Orders.GetStatusQueryParameterType.Closed; c.QueryParameters.Limit = 1; });
        Check.That(page!.Orders!.Count == 1 && (page.HasMore == true ? page.NextCursor is not null : page.NextCursor is null), "GET /orders pages by cursor");
        var report = await client.Api.V1.Reports.Daily.GetAsync(c => c.QueryParameters.BusinessDate = closed.BusinessDate);
        Check.That(report!.OrdersClosed >= 1 && report.Items!.Any(i => i.MenuItemId == itemId), "the day's report counts the order");
    }

    private static string? Header(HeadersInspectionHandlerOption option, string name) =>
        option.ResponseHeaders.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static async Task<ProblemDetails?> ProblemOf<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (ProblemDetails problem)
        {
            return problem;
        }
    }
}
