using System.Text.Json;
using System.Text.Json.Nodes;
using Pos.Tests.Shared;

namespace Pos.EndToEnd.Tests.CardData;

/// <summary>
/// Every write route's body, valid, with each of its text fields sorted: free text a person writes (where a card
/// number must be refused) or an id, a code or an enum value (which is not read for card numbers). The list is
/// exhaustive: a write route of the OpenAPI document without a body here, or a text field in a body sorted neither
/// way, fails the test, so a new field is sorted when it is added.
/// </summary>
public static class FreeTextFields
{
    /// <summary>Card-like numbers as a client could send them: published test numbers of 13 to 19 digits, whole, spaced, dashed, inside text.</summary>
    public static readonly IReadOnlyList<string> Cards =
    [
        "4111111111111111",
        "5555 5555 5555 4444",
        "3782-822463-10005",
        "paid with 6011 1111 1111 1117 thanks",
        "4222222222222",
        "6205 5000 0000 0000 004",
    ];

    /// <summary>The digits of each card number alone, as a scan looks for them.</summary>
    public static IEnumerable<string> CardDigits => Cards.Select(c => new string([.. c.Where(char.IsAsciiDigit)]));

    /// <summary>What the valid requests point at: an open order with a line, a printer and one of its jobs.</summary>
    public sealed record Targets(Guid OrderId, Guid LineId, string PrinterId, Guid JobId);

    /// <summary>A write route's valid request, its free-text fields and its other text fields (JSON paths, "$.note").</summary>
    public sealed record Template(string Path, JsonObject Body, string[] FreeText, string[] NotFreeText);

    /// <summary>The appliance's write routes by operationId. The device batch is <see cref="CommandTypes"/>'.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Targets, Template>> Appliance = new Dictionary<string, Func<Targets, Template>>(StringComparer.Ordinal)
    {
        ["OpenOrder"] = _ => new("/api/v1/orders", Json(new { orderId = Guid.NewGuid(), channel = "dine-in", table = "12", guests = 2 }),
            ["$.table"], ["$.orderId", "$.channel"]),
        ["AddLine"] = t => new($"/api/v1/orders/{t.OrderId}/lines",
            Json(new
            {
                lineId = Guid.NewGuid(), menuItemId = "burger", quantity = 1, note = "no onions", modifiers = new[] { "medium" },
                options = new[] { new { groupId = "temperature", optionId = "medium" } }, seat = 1, course = 2, hold = true,
            }),
            ["$.note", "$.modifiers[0]"], ["$.lineId", "$.menuItemId", "$.options[0].groupId", "$.options[0].optionId"]),
        ["VoidLine"] = t => new($"/api/v1/orders/{t.OrderId}/lines/{t.LineId}/void", Json(new { reason = "guest changed mind" }), ["$.reason"], []),
        ["FireOrder"] = t => new($"/api/v1/orders/{t.OrderId}/fire", Json(new { course = 2 }), [], []),
        // The 86: a status word and a count, no text a person writes.
        ["SetItemAvailability"] = _ => new("/api/v1/menu/items/burger/availability", Json(new { status = "sold-out" }), [], ["$.status"]),
        ["AddPayment"] = t => new($"/api/v1/orders/{t.OrderId}/payments",
            Json(new { paymentId = Guid.NewGuid(), tender = "card", amountMinor = 100, tipMinor = 10, reference = "auth 123" }),
            ["$.reference"], ["$.paymentId", "$.tender"]),
        ["CloseOrder"] = t => new($"/api/v1/orders/{t.OrderId}/close", [], [], []),
        // Checks: ids and a mode, except the table a check moves to and the reason a manager closes it for.
        ["MoveLines"] = t => new($"/api/v1/orders/{t.OrderId}/move-lines", Json(new { toOrderId = Guid.NewGuid(), lineIds = new[] { t.LineId } }),
            [], ["$.toOrderId", "$.lineIds[0]"]),
        ["MergeOrders"] = _ => new($"/api/v1/orders/{Guid.NewGuid()}/merge", Json(new { fromOrderId = Guid.NewGuid() }), [], ["$.fromOrderId"]),
        ["SplitOrder"] = t => new($"/api/v1/orders/{t.OrderId}/split",
            Json(new { mode = "lines", groups = new[] { new { orderId = Guid.NewGuid(), lineIds = new[] { t.LineId } } } }),
            [], ["$.mode", "$.groups[0].orderId", "$.groups[0].lineIds[0]"]),
        ["TransferOrder"] = t => new($"/api/v1/orders/{t.OrderId}/transfer", Json(new { table = "14", employeeId = "ana" }), ["$.table"], ["$.employeeId"]),
        ["CarryOverOrder"] = t => new($"/api/v1/orders/{t.OrderId}/carry-over", Json(new { newOrderId = Guid.NewGuid() }), [], ["$.newOrderId"]),
        ["CloseOrderWithReason"] = t => new($"/api/v1/orders/{t.OrderId}/close-with-reason", Json(new { reason = "walked out" }), ["$.reason"], []),
        ["PrintCheck"] = t => new($"/api/v1/orders/{t.OrderId}/print-check", Json(new { printerId = "front", station = "bar" }), [], ["$.printerId", "$.station"]),
        ["PrintReceipt"] = t => new($"/api/v1/orders/{t.OrderId}/print-receipt", Json(new { printerId = "front", station = "bar" }), [], ["$.printerId", "$.station"]),
        // Discounts, tips and refunds: reasons are free text; ids, tenders are not.
        ["ApplyDiscount"] = t => new($"/api/v1/orders/{t.OrderId}/discounts",
            Json(new { discountId = Guid.NewGuid(), lineId = t.LineId, percentBp = 1000, reason = "regular guest" }),
            ["$.reason"], ["$.discountId", "$.lineId"]),
        ["RemoveDiscount"] = t => new($"/api/v1/orders/{t.OrderId}/discounts/{Guid.NewGuid()}", [], [], []),
        ["AdjustTip"] = t => new($"/api/v1/orders/{t.OrderId}/payments/{Guid.NewGuid()}/tip", Json(new { tipMinor = 200 }), [], []),
        ["Refund"] = t => new($"/api/v1/orders/{t.OrderId}/refunds",
            Json(new { refundId = Guid.NewGuid(), amountMinor = 100, tender = "card", reason = "cold soup", lineIds = new[] { t.LineId } }),
            ["$.reason"], ["$.refundId", "$.tender", "$.lineIds[0]"]),
        ["ReplaceMenu"] = _ => new("/api/v1/menu", Menu(),
            ["$.items[0].name", "$.items[0].station", "$.categories[0].name", "$.items[0].modifierGroups[0].name", "$.items[0].modifierGroups[0].options[0].name"],
            ["$.currency", "$.items[0].id", "$.items[0].categoryId", "$.categories[0].id", "$.items[0].modifierGroups[0].id",
                "$.items[0].modifierGroups[0].options[0].id"]),
        ["PutPrinter"] = t => new("/api/v1/printers/grill",
            Json(new { name = "Grill", host = "127.0.0.1", port = 9, station = "grill", backupPrinterId = t.PrinterId, columns = 42, codePage = "pc858", confirm = "tcp", failoverAfterSeconds = 60 }),
            ["$.name", "$.host", "$.station"], ["$.backupPrinterId", "$.codePage", "$.confirm"]),
        ["ReprintJob"] = t => new($"/api/v1/printers/{t.PrinterId}/jobs/{t.JobId}/reprint", [], [], []),
        // It takes no body; force is a query parameter, a boolean.
        ["RemovePrinter"] = _ => new("/api/v1/printers/grill", [], [], []),
        ["RegisterDevice"] = _ => new("/api/v1/devices", Json(new { deviceId = "till-9", name = "Till nine", role = "server" }), ["$.name"], ["$.deviceId", "$.role"]),
        ["CreatePairingCode"] = _ => new("/api/v1/pairing-codes", Json(new { role = "server", name = "Anna's phone" }), ["$.name"], ["$.role"]),
        // The pairing code is 13 digits a program made, shown once and kept only as a hash: not free text.
        ["PairDevice"] = _ => new("/api/v1/pairing", Json(new { code = "1234 5678 9012 3", name = "Pixel" }), ["$.name"], ["$.code"]),
        ["RevokeDevice"] = _ => new("/api/v1/devices/till-9", [], [], []),
        // People: a name is free text; a PIN is 4 to 8 digits, never long enough to be a card number.
        ["SaveEmployee"] = _ => new("/api/v1/employees/ana", Json(new { name = "Ana", role = "server", pin = "4821" }), ["$.name"], ["$.role", "$.pin"]),
        ["DeactivateEmployee"] = _ => new("/api/v1/employees/ana", [], [], []),
        ["ClockIn"] = _ => new("/api/v1/employees/ana/clock-in", [], [], []),
        ["ClockOut"] = _ => new("/api/v1/employees/ana/clock-out", [], [], []),
        ["StartStaffSession"] = _ => new("/api/v1/staff-sessions", Json(new { pin = "4821" }), [], ["$.pin"]),
        ["EndStaffSession"] = _ => new("/api/v1/staff-sessions/current", [], [], []),
        ["RotateAdminToken"] = _ => new("/api/v1/admin-token/rotate", [], [], []),
        // Cash: a drawer's name and the reasons of a pay-out or a no-sale are free text; ids, kinds and dates are not.
        ["PutDrawer"] = t => new("/api/v1/drawers/front", Json(new { name = "Front", printerId = t.PrinterId, pin = 1 }), ["$.name"], ["$.printerId"]),
        ["OpenDrawerSession"] = _ => new("/api/v1/drawers/front/sessions", Json(new { sessionId = Guid.NewGuid(), floatMinor = 10_000, employeeId = "ana" }),
            [], ["$.sessionId", "$.employeeId"]),
        ["KickDrawer"] = _ => new("/api/v1/drawers/front/kick", Json(new { reason = "change for a twenty" }), ["$.reason"], []),
        ["MoveDrawerCash"] = _ => new($"/api/v1/drawer-sessions/{Guid.NewGuid()}/movements",
            Json(new { movementId = Guid.NewGuid(), kind = "pay-out", amountMinor = 500, reason = "flowers" }), ["$.reason"], ["$.movementId", "$.kind"]),
        ["CloseDrawerSession"] = _ => new($"/api/v1/drawer-sessions/{Guid.NewGuid()}/close", Json(new { countedMinor = 10_000 }), [], []),
        ["PrintZReport"] = t => new("/api/v1/reports/z/print", Json(new { businessDate = "2026-11-25", printerId = t.PrinterId }), [], ["$.businessDate", "$.printerId"]),
    };

    /// <summary>The batch route: its own text fields are ids; its commands' payloads are the single routes' bodies.</summary>
    public const string Batch = "SendCommandBatch";

    /// <summary>A device batch's command types with the single route whose body is their payload.</summary>
    public static readonly IReadOnlyDictionary<string, string> CommandTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["open-order"] = "OpenOrder",
        ["add-line"] = "AddLine",
        ["void-line"] = "VoidLine",
        ["fire"] = "FireOrder",
        ["add-payment"] = "AddPayment",
        ["close"] = "CloseOrder",
        ["print-check"] = "PrintCheck",
        ["print-receipt"] = "PrintReceipt",
        ["move-lines"] = "MoveLines",
        ["merge"] = "MergeOrders",
        ["split"] = "SplitOrder",
        ["transfer"] = "TransferOrder",
        ["carry-over"] = "CarryOverOrder",
        ["close-with-reason"] = "CloseOrderWithReason",
        ["discounts"] = "ApplyDiscount",
        ["remove-discount"] = "RemoveDiscount",
        ["tip"] = "AdjustTip",
        ["refunds"] = "Refund",
    };

    /// <summary>The cloud's write routes (it serves no OpenAPI document): a store, a published menu. A signed journal batch carries only what a store took.</summary>
    public static Template CloudStore(string storeId) =>
        new($"/cloud/v1/stores/{storeId}", Json(new { name = "Downtown", timeZone = "America/New_York" }), ["$.name", "$.timeZone"], []);

    public static Template CloudMenu(string storeId)
    {
        var menu = FreeTextFields.Appliance["ReplaceMenu"](new(Guid.Empty, Guid.Empty, "", Guid.Empty));
        return menu with { Path = $"/cloud/v1/stores/{storeId}/menu" };
    }

    /// <summary>A menu of one item (the test menu's first) under a category, with a required modifier group.</summary>
    public static JsonObject Menu()
    {
        var item = JsonSerializer.SerializeToNode(PosClient.MenuItems().First())!.AsObject();
        item["categoryId"] = "mains";
        item["modifierGroups"] = new JsonArray(new JsonObject
        {
            ["id"] = "temperature", ["name"] = "Temperature", ["min"] = 1, ["max"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["id"] = "medium", ["name"] = "Medium", ["priceMinor"] = 0 }),
        });
        return new JsonObject
        {
            ["currency"] = "USD",
            ["items"] = new JsonArray(item),
            ["categories"] = new JsonArray(new JsonObject { ["id"] = "mains", ["name"] = "Mains" }),
        };
    }

    /// <summary>Every text field of a body, by JSON path ($.items[0].name).</summary>
    public static IEnumerable<string> TextFields(JsonNode node, string at = "$") => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Value is null ? [] : TextFields(p.Value, $"{at}.{p.Key}")),
        JsonArray array => array.SelectMany((c, i) => c is null ? [] : TextFields(c, $"{at}[{i}]")),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [at],
        _ => [],
    };

    /// <summary>A copy of <paramref name="body"/> with <paramref name="text"/> at <paramref name="path"/>.</summary>
    public static JsonObject With(JsonObject body, string path, string text)
    {
        var copy = (JsonObject)body.DeepClone();
        var (parent, key, index) = Locate(copy, path);
        if (index is { } i)
        {
            ((JsonArray)parent)[i] = text;
        }
        else
        {
            ((JsonObject)parent)[key!] = text;
        }
        return copy;
    }

    /// <summary>The field as the problem names it: the path without its "$.".</summary>
    public static string FieldOf(string path) => path[2..];

    private static (JsonNode Parent, string? Key, int? Index) Locate(JsonNode root, string path)
    {
        var parts = System.Text.RegularExpressions.Regex.Matches(path[1..], @"\.([A-Za-z]+)|\[(\d+)\]").ToList();
        var node = root;
        for (var i = 0; i < parts.Count - 1; i++)
        {
            node = parts[i].Groups[1].Success ? node[parts[i].Groups[1].Value]! : node[int.Parse(parts[i].Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)]!;
        }
        var last = parts[^1];
        return last.Groups[1].Success ? (node, last.Groups[1].Value, null) : (node, null, int.Parse(last.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static JsonObject Json(object value) => JsonSerializer.SerializeToNode(value)!.AsObject();
}
