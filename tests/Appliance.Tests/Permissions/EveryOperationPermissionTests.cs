using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Api.Auth;
using Pos.Api.OpenApi;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Permissions;

/// <summary>
/// Every operation of the OpenAPI document the appliance serves, called with no token, a wrong token, a revoked
/// device's token and each role's token, each with a plausible request: every answer matches the permission table
/// (401 unauthorized without a valid token, 403 permission-denied naming the permission for a role refused or needing
/// an approval it did not send, anything but 401/403 for a role allowed), and nothing refused changed the journal but
/// its record of the refusal. An operation added without a sample here fails the test, so none is ever skipped.
/// </summary>
public sealed class EveryOperationPermissionTests(PermissionRig rig) : IClassFixture<PermissionRig>
{
    /// <summary>Who calls: an anonymous client, a wrong token, a revoked device's token, or a role's device.</summary>
    private sealed record Caller(string Name, string? Token, string? Role);

    private delegate Task<HttpRequestMessage> Sample(Caller caller);

    [Fact]
    public async Task Every_operation_answers_each_caller_as_the_permission_table_says_and_refusals_change_nothing()
    {
        using var anonymous = new HttpClient { BaseAddress = rig.Appliance.BaseAddress };
        var document = await anonymous.GetJsonAsync("/swagger/v1/swagger.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Key: $"{o.Name.ToUpperInvariant()} {p.Name}", Operation: o.Value)))
            .ToList();
        var samples = await SamplesAsync();
        var unsampled = operations.Select(o => o.Key).Where(k => !samples.ContainsKey(k)).ToList();
        Assert.True(unsampled.Count == 0, $"Operations without a sample request (add one to SamplesAsync): {string.Join(", ", unsampled)}");
        Assert.Equal(63, operations.Count);

        Caller[] callers =
        [
            new("no token", null, null),
            new("a wrong token", "pos_" + new string('x', 43), null),
            new("a revoked device's token", rig.RevokedToken, null),
            .. Roles.All.Select(r => new Caller(r, rig.TokenOf(r), r)),
        ];
        var failures = new List<string>();
        var calls = 0;
        foreach (var (key, operation) in operations)
        {
            var permission = operation.TryGetProperty("x-pos-permission", out var named) ? named.GetString() : null;
            var open = operation.TryGetProperty("security", out var security) && security.GetArrayLength() == 0;
            if (permission is null && !open)
            {
                failures.Add($"{key} names no permission and is not open");
                continue;
            }
            foreach (var caller in callers)
            {
                using var request = await samples[key](caller);
                if (caller.Token is { } token)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }
                var head = await rig.HeadSeqAsync();
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                using var response = await anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
                calls++;
                var status = (int)response.StatusCode;
                var said = $"{key} by {caller.Name} answered {status}";
                if (open)
                {
                    Check(status is not (401 or 403), $"{said}: an open route");
                    continue;
                }
                if (caller.Role is null)
                {
                    var problem = await response.JsonAsync();
                    Check(status == 401 && Code(problem) == "unauthorized", $"{said}, not 401 unauthorized: {problem}");
                    Check(await rig.HeadSeqAsync() == head, $"{key} by {caller.Name} changed the journal");
                    continue;
                }
                var verdict = Api.Auth.Permissions.VerdictOf(caller.Role, permission!);
                Check(operation.GetProperty("x-pos-roles").GetProperty(caller.Role).GetString() == PermissionOperationFilter.Word(verdict),
                    $"{key}: the document's verdict for {caller.Role} is not the table's");
                if (verdict == Verdict.Allowed)
                {
                    // A few routes refuse on the person, past the table: a device with nobody signed in clocks nobody but as a
                    // manager, the admin credential is not a device to sign in on. Those 403s must say so, never permission-denied.
                    var personRefusal = status == 403 && PersonChecked.Contains(key) && Code(await response.JsonAsync()) == "forbidden";
                    Check(status is not (401 or 403) || personRefusal, $"{said} though {permission} is allowed to {caller.Role}");
                    if (key == "POST /api/v1/sync/commands" && status == 200)
                    {
                        var result = (await response.JsonAsync()).GetProperty("results")[0];
                        Check(result.GetProperty("outcome").GetString() == "applied", $"{said}: its command was {result}");
                    }
                    continue;
                }
                var refused = await response.JsonAsync();
                Check(status == 403 && Code(refused) == "permission-denied"
                    && refused.TryGetProperty("permission", out var missing) && missing.GetString() == permission,
                    $"{said}, not 403 permission-denied naming {permission}: {refused}");
                var since = await rig.EventsAfterAsync(head);
                Check(since.All(e => e.GetProperty("type").GetString() == "PermissionRefused" && e.GetProperty("deviceId").GetString() == PermissionRig.DeviceOf(caller.Role)),
                    $"{key} refused to {caller.Role} changed the journal: {string.Join(", ", since.Select(e => e.GetProperty("type").GetString()))}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(operations.Count * callers.Length, calls);

        void Check(bool ok, string failure)
        {
            if (!ok)
            {
                failures.Add(failure);
            }
        }
    }

    /// <summary>Routes that also decide on the person behind the request (403 forbidden), after the table allowed the role.</summary>
    private static readonly HashSet<string> PersonChecked = new(StringComparer.Ordinal)
    {
        "POST /api/v1/employees/{employeeId}/clock-in", "POST /api/v1/employees/{employeeId}/clock-out", "POST /api/v1/staff-sessions",
    };

    private int _pins = 100_000;

    private string NextPin() => (++_pins).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> EmployeeAsync(string pin)
    {
        var id = "perm-emp-" + Guid.NewGuid().ToString("N")[..10];
        (await rig.Admin.PutAsJsonAsync($"/api/v1/employees/{id}", new { name = "Sam", role = "server", pin })).EnsureSuccessStatusCode();
        return id;
    }

    private static string? Code(JsonElement problem) =>
        problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("code", out var code) ? code.GetString() : null;

    /// <summary>A plausible request for each operation, by method and path as the document names it.</summary>
    private async Task<Dictionary<string, Sample>> SamplesAsync()
    {
        var (orderId, _) = await rig.OrderAsync("burger");
        const string Printer = "perm-printer";
        // A printer of a station the menu does not have: firing prints nothing, so no print job writes to the journal later.
        (await rig.Admin.PutAsJsonAsync($"/api/v1/printers/{Printer}", PrinterBody())).EnsureSuccessStatusCode();
        var order = $"/api/v1/orders/{orderId}";
        // People: one employee clocked in and out by whoever may, one whose PIN every allowed caller signs in with.
        var clocked = await EmployeeAsync(NextPin());
        var signInPin = NextPin();
        await EmployeeAsync(signInPin);
        // Cash: a drawer on the unreachable printer (a kick is queued there and never sent, so nothing more is journaled).
        (await rig.Admin.PutAsJsonAsync("/api/v1/drawers/perm-drawer", new { name = "Till drawer", printerId = Printer })).EnsureSuccessStatusCode();
        var session = $"/api/v1/drawer-sessions/{Guid.NewGuid()}";
        return new Dictionary<string, Sample>(StringComparer.Ordinal)
        {
            ["GET /api/v1/drawers"] = _ => Get("/api/v1/drawers"),
            ["PUT /api/v1/drawers/{drawerId}"] = _ => Send(HttpMethod.Put, "/api/v1/drawers/perm-drawer", new { name = "Till drawer", printerId = Printer, pin = 0 }),
            // A device with nobody signed in opens no session (400): a session is a person's.
            ["POST /api/v1/drawers/{drawerId}/sessions"] = _ => Send(HttpMethod.Post, "/api/v1/drawers/perm-drawer/sessions", new { sessionId = Guid.NewGuid(), floatMinor = 10_000 }),
            ["POST /api/v1/drawers/{drawerId}/kick"] = _ => Send(HttpMethod.Post, "/api/v1/drawers/perm-drawer/kick", new { reason = "change for the bar" }),
            ["GET /api/v1/drawer-sessions"] = _ => Get("/api/v1/drawer-sessions?status=open"),
            ["GET /api/v1/drawer-sessions/{sessionId}"] = _ => Get(session),
            ["POST /api/v1/drawer-sessions/{sessionId}/movements"] = _ => Send(HttpMethod.Post, $"{session}/movements", new { movementId = Guid.NewGuid(), kind = "pay-in", amountMinor = 500, reason = "coins" }),
            ["POST /api/v1/drawer-sessions/{sessionId}/close"] = _ => Send(HttpMethod.Post, $"{session}/close", new { countedMinor = 10_000 }),
            ["GET /api/v1/reports/z"] = _ => Get("/api/v1/reports/z"),
            ["POST /api/v1/reports/z/print"] = _ => Send(HttpMethod.Post, "/api/v1/reports/z/print", new { businessDate = "2026-11-25", printerId = Printer }),
            // The appliance under test is given its admin token in a variable: the admin's call is 409, nothing rotates.
            ["POST /api/v1/admin-token/rotate"] = _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin-token/rotate")),
            ["GET /api/v1/employees"] = _ => Get("/api/v1/employees"),
            ["PUT /api/v1/employees/{employeeId}"] = _ => Send(HttpMethod.Put, $"/api/v1/employees/perm-new-{Guid.NewGuid():N}", new { name = "Kim", role = "bartender", pin = NextPin() }),
            ["DELETE /api/v1/employees/{employeeId}"] = async _ => new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/employees/{await EmployeeAsync(NextPin())}"),
            ["POST /api/v1/employees/{employeeId}/clock-in"] = _ => Send(HttpMethod.Post, $"/api/v1/employees/{clocked}/clock-in", new { }),
            ["POST /api/v1/employees/{employeeId}/clock-out"] = _ => Send(HttpMethod.Post, $"/api/v1/employees/{clocked}/clock-out", new { }),
            ["POST /api/v1/staff-sessions"] = _ => Send(HttpMethod.Post, "/api/v1/staff-sessions", new { pin = signInPin }),
            ["DELETE /api/v1/staff-sessions/current"] = _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/staff-sessions/current")),
            ["GET /health/live"] = _ => Get("/health/live"),
            ["GET /health/ready"] = _ => Get("/health/ready"),
            ["GET /health/printers"] = _ => Get("/health/printers"),
            ["GET /health/sync"] = _ => Get("/health/sync"),
            ["GET /api/v1/menu"] = _ => Get("/api/v1/menu"),
            ["PUT /api/v1/menu"] = _ => Send(HttpMethod.Put, "/api/v1/menu", PosClient.Menu()),
            // Available and not counted, as the menu has it: an allowed role's 86 changes nothing a later sample needs.
            ["PUT /api/v1/menu/items/{itemId}/availability"] = _ => Send(HttpMethod.Put, "/api/v1/menu/items/soda/availability", new { status = "available" }),
            ["POST /api/v1/orders"] = _ => Send(HttpMethod.Post, "/api/v1/orders", new { orderId = Guid.NewGuid(), channel = "dine-in", table = "7", guests = 2 }),
            ["GET /api/v1/orders"] = _ => Get("/api/v1/orders?status=open"),
            ["GET /api/v1/orders/{orderId}"] = _ => Get(order),
            ["POST /api/v1/orders/{orderId}/lines"] = _ => Send(HttpMethod.Post, $"{order}/lines", new { lineId = Guid.NewGuid(), menuItemId = "soda", quantity = 1 }),
            ["POST /api/v1/orders/{orderId}/lines/{lineId}/void"] = async _ =>
            {
                var (voided, lines) = await rig.OrderAsync("soda");
                return await Send(HttpMethod.Post, $"/api/v1/orders/{voided}/lines/{lines[0]}/void", new { reason = "guest changed mind" });
            },
            ["POST /api/v1/orders/{orderId}/fire"] = _ => Send(HttpMethod.Post, $"{order}/fire", new { }),
            ["POST /api/v1/orders/{orderId}/payments"] = _ => Send(HttpMethod.Post, $"{order}/payments", new { paymentId = Guid.NewGuid(), tender = "cash", amountMinor = 1 }),
            ["POST /api/v1/orders/{orderId}/close"] = _ => Send(HttpMethod.Post, $"{order}/close", new { }),
            ["POST /api/v1/orders/{orderId}/print-check"] = _ => Send(HttpMethod.Post, $"{order}/print-check", new { printerId = Printer }),
            ["POST /api/v1/orders/{orderId}/print-receipt"] = _ => Send(HttpMethod.Post, $"{order}/print-receipt", new { printerId = Printer }),
            // Checks: toward orders that do not exist (404) or today's order (carry-over: 409), so allowed callers change little.
            ["POST /api/v1/orders/{orderId}/move-lines"] = _ => Send(HttpMethod.Post, $"{order}/move-lines", new { toOrderId = Guid.NewGuid(), lineIds = new[] { Guid.NewGuid() } }),
            ["POST /api/v1/orders/{orderId}/merge"] = _ => Send(HttpMethod.Post, $"{order}/merge", new { fromOrderId = Guid.NewGuid() }),
            ["POST /api/v1/orders/{orderId}/split"] = _ => Send(HttpMethod.Post, $"{order}/split", new { mode = "even", parts = 2 }),
            ["POST /api/v1/orders/{orderId}/transfer"] = _ => Send(HttpMethod.Post, $"{order}/transfer", new { table = "9" }),
            ["POST /api/v1/orders/{orderId}/carry-over"] = _ => Send(HttpMethod.Post, $"{order}/carry-over", new { }),
            ["POST /api/v1/orders/{orderId}/close-with-reason"] = async _ =>
            {
                var (walkedOut, _) = await rig.OrderAsync("soda");
                return await Send(HttpMethod.Post, $"/api/v1/orders/{walkedOut}/close-with-reason", new { reason = "walked out" });
            },
            ["GET /api/v1/business-days/{businessDate}/open-orders"] = _ => Get("/api/v1/business-days/2026-11-25/open-orders"),
            ["POST /api/v1/orders/{orderId}/discounts"] = _ => Send(HttpMethod.Post, $"{order}/discounts", new { discountId = Guid.NewGuid(), amountMinor = 1, reason = "regular" }),
            ["DELETE /api/v1/orders/{orderId}/discounts/{discountId}"] = _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Delete, $"{order}/discounts/{Guid.NewGuid()}")),
            ["POST /api/v1/orders/{orderId}/payments/{paymentId}/tip"] = _ => Send(HttpMethod.Post, $"{order}/payments/{Guid.NewGuid()}/tip", new { tipMinor = 100 }),
            ["POST /api/v1/orders/{orderId}/refunds"] = _ => Send(HttpMethod.Post, $"{order}/refunds", new { refundId = Guid.NewGuid(), amountMinor = 1, tender = "card", reason = "cold" }),
            ["GET /api/v1/journal"] = _ => Get("/api/v1/journal?after=0&limit=5"),
            ["GET /api/v1/events"] = _ => Get("/api/v1/events"),
            ["GET /api/v1/reports/daily"] = _ => Get("/api/v1/reports/daily"),
            ["GET /api/v1/printers"] = _ => Get("/api/v1/printers"),
            ["GET /api/v1/printers/{printerId}"] = _ => Get($"/api/v1/printers/{Printer}"),
            ["PUT /api/v1/printers/{printerId}"] = _ => Send(HttpMethod.Put, $"/api/v1/printers/{Printer}", PrinterBody()),
            ["DELETE /api/v1/printers/{printerId}"] = async _ =>
            {
                // A throwaway printer per caller, with no tickets: the allowed roles remove it (204), the others are refused.
                var throwaway = "perm-rm-" + Guid.NewGuid().ToString("N")[..10];
                (await rig.Admin.PutAsJsonAsync($"/api/v1/printers/{throwaway}", PrinterBody())).EnsureSuccessStatusCode();
                return new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/printers/{throwaway}");
            },
            ["GET /api/v1/printers/{printerId}/jobs"] = _ => Get($"/api/v1/printers/{Printer}/jobs"),
            ["POST /api/v1/printers/{printerId}/jobs/{jobId}/reprint"] = _ => Send(HttpMethod.Post, $"/api/v1/printers/{Printer}/jobs/{Guid.NewGuid()}/reprint", new { }),
            ["POST /api/v1/devices"] = _ => Send(HttpMethod.Post, "/api/v1/devices", new { deviceId = NewDeviceId(), name = "Till", role = "server" }),
            ["GET /api/v1/devices"] = _ => Get("/api/v1/devices"),
            ["GET /api/v1/devices/{deviceId}"] = _ => Get("/api/v1/devices/perm-server"),
            ["DELETE /api/v1/devices/{deviceId}"] = async _ =>
            {
                var throwaway = NewDeviceId();
                await rig.Admin.RegisterDeviceAsync(throwaway, "kitchen");
                return new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/devices/{throwaway}");
            },
            ["POST /api/v1/pairing-codes"] = _ => Send(HttpMethod.Post, "/api/v1/pairing-codes", new { role = "server", name = "Patio phone" }),
            ["POST /api/v1/pairing"] = async _ =>
            {
                using var made = await rig.Admin.PostAsJsonAsync("/api/v1/pairing-codes", new { role = "server" });
                var code = (await made.JsonAsync()).GetProperty("code").GetString();
                return await Send(HttpMethod.Post, "/api/v1/pairing", new { code, name = "Patio phone" });
            },
            ["GET /api/v1/sync/status"] = _ => Get("/api/v1/sync/status"),
            ["POST /api/v1/sync/commands"] = caller => Send(HttpMethod.Post, "/api/v1/sync/commands", new
            {
                deviceId = caller.Role is { } role && role != Roles.Admin ? PermissionRig.DeviceOf(role) : "perm-server",
                commands = new[]
                {
                    new { commandId = Guid.NewGuid().ToString(), type = "open-order", orderId = Guid.NewGuid(), issuedAt = DateTimeOffset.Parse("2026-11-25T18:00:00-05:00"), payload = new { channel = "takeout" } },
                },
            }),
        };
    }

    private static object PrinterBody() => new { name = "Nowhere", host = "127.0.0.1", port = 9, station = "nowhere" };

    private static string NewDeviceId() => "perm-" + Guid.NewGuid().ToString("N")[..10];

    private static Task<HttpRequestMessage> Get(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, path));

    private static Task<HttpRequestMessage> Send(HttpMethod method, string path, object body) =>
        Task.FromResult(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: PosClient.Json) });
}
