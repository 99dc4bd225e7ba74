using System.Text.Json;
using Pos.Api.OpenApi;
using Pos.Contracts.Problems;

namespace Pos.Api.Tests.OpenApi;

public sealed class OpenApiDocumentTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    public static TheoryData<string, string, int[]> ContractRoutes => new()
    {
        { "get", "/health/live", [200] },
        { "get", "/health/ready", [200, 503] },
        // Every /api route can meet the database away: 503 journal-unavailable.
        { "get", "/api/v1/menu", [200, 401, 404, 429, 503] },
        { "put", "/api/v1/menu", [200, 400, 401, 403, 422, 503] },
        { "post", "/api/v1/orders", [201, 400, 401, 403, 409, 412, 422, 503] },
        { "get", "/api/v1/orders", [200, 400, 401, 503] },
        { "get", "/api/v1/orders/{orderId}", [200, 401, 404, 503] },
        { "post", "/api/v1/orders/{orderId}/lines", [200, 400, 401, 403, 404, 409, 412, 422, 503] },
        { "post", "/api/v1/orders/{orderId}/lines/{lineId}/void", [200, 400, 401, 403, 404, 409, 412, 503] },
        { "post", "/api/v1/orders/{orderId}/fire", [200, 401, 403, 404, 409, 412, 503] },
        { "post", "/api/v1/orders/{orderId}/payments", [200, 400, 401, 403, 404, 409, 412, 503] },
        { "post", "/api/v1/orders/{orderId}/close", [200, 401, 403, 404, 409, 412, 503] },
        { "get", "/api/v1/journal", [200, 400, 401, 403, 503] },
        { "get", "/api/v1/events", [200, 400, 401, 429, 503] },
        { "get", "/api/v1/reports/daily", [200, 400, 401, 403, 503] },
        { "get", "/api/v1/printers", [200, 401, 403, 503] },
        { "get", "/api/v1/printers/{printerId}", [200, 401, 403, 404, 503] },
        { "put", "/api/v1/printers/{printerId}", [200, 400, 401, 403, 413, 503] },
        { "delete", "/api/v1/printers/{printerId}", [204, 400, 401, 403, 404, 409, 503] },
        { "get", "/api/v1/printers/{printerId}/jobs", [200, 400, 401, 403, 404, 503] },
        { "post", "/api/v1/printers/{printerId}/jobs/{jobId}/reprint", [201, 400, 401, 403, 404, 413, 503] },
        { "post", "/api/v1/devices", [201, 400, 401, 403, 409, 413, 429, 503] },
        { "get", "/api/v1/devices", [200, 401, 403, 503] },
        { "post", "/api/v1/pairing-codes", [201, 400, 401, 403, 413, 429, 503] },
        { "post", "/api/v1/pairing", [201, 400, 401, 413, 422, 429, 503] },
        { "delete", "/api/v1/devices/{deviceId}", [204, 400, 401, 403, 404, 429, 503] },
        { "get", "/api/v1/sync/status", [200, 401, 503] },
        { "post", "/api/v1/sync/commands", [200, 400, 401, 403, 503] },
        { "get", "/api/v1/employees", [200, 401, 403, 503] },
        { "put", "/api/v1/employees/{employeeId}", [200, 400, 401, 403, 409, 503] },
        { "delete", "/api/v1/employees/{employeeId}", [204, 400, 401, 403, 404, 503] },
        { "post", "/api/v1/employees/{employeeId}/clock-in", [200, 400, 401, 403, 404, 409, 503] },
        { "post", "/api/v1/employees/{employeeId}/clock-out", [200, 400, 401, 403, 404, 409, 503] },
        { "post", "/api/v1/staff-sessions", [201, 400, 401, 403, 429, 503] },
        { "delete", "/api/v1/staff-sessions/current", [204, 401, 404, 503] },
    };

    [Fact]
    public async Task Every_api_route_declares_503_for_the_database_away()
    {
        var doc = await Document();
        var missing = doc.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Route: $"{o.Name} {p.Name}", Responses: o.Value.GetProperty("responses"))))
            .Where(o => !o.Responses.TryGetProperty("503", out _))
            .Select(o => o.Route)
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Every_operation_names_its_permission_and_declares_the_403_when_a_role_is_refused_it()
    {
        var doc = await Document();
        var operations = doc.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Route: $"{o.Name} {p.Name}", Operation: o.Value)))
            .ToList();
        string[] open = ["get /health/live", "get /health/ready", "get /health/printers", "get /health/sync", "post /api/v1/pairing"];
        Assert.All(operations.Where(o => open.Contains(o.Route)), o =>
        {
            Assert.False(o.Operation.TryGetProperty(PermissionOperationFilter.PermissionExtension, out _), $"{o.Route} names a permission");
            Assert.False(o.Operation.GetProperty("responses").TryGetProperty("403", out _), $"{o.Route} declares 403");
        });
        var guarded = operations.Where(o => !open.Contains(o.Route)).ToList();
        Assert.Equal(58, guarded.Count);
        Assert.All(guarded, o =>
        {
            Assert.True(o.Operation.TryGetProperty(PermissionOperationFilter.PermissionExtension, out var named), $"{o.Route} names no permission");
            var permission = named.GetString()!;
            Assert.True(Pos.Api.Auth.Permissions.IsKnown(permission), $"{o.Route}: {permission}");
            var roles = o.Operation.GetProperty(PermissionOperationFilter.RolesExtension);
            Assert.Equal(Pos.Api.Auth.Roles.All, roles.EnumerateObject().Select(r => r.Name));
            Assert.All(Pos.Api.Auth.Roles.All, r => Assert.Equal(PermissionOperationFilter.Word(Pos.Api.Auth.Permissions.VerdictOf(r, permission)), roles.GetProperty(r).GetString()));
            Assert.Contains($"Permission `{permission}`", o.Operation.GetProperty("description").GetString(), StringComparison.Ordinal);
            var refusesSomeone = Pos.Api.Auth.Roles.All.Any(r => Pos.Api.Auth.Permissions.VerdictOf(r, permission) != Pos.Api.Auth.Verdict.Allowed);
            Assert.Equal(refusesSomeone, o.Operation.GetProperty("responses").TryGetProperty("403", out var forbidden));
            if (refusesSomeone)
            {
                Assert.StartsWith(PermissionOperationFilter.PermissionRefusal, forbidden.GetProperty("description").GetString(), StringComparison.Ordinal);
                Assert.True(forbidden.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{o.Route} 403 is not a problem");
            }
        });
        Assert.Contains(ErrorCodes.PermissionDenied, PermissionOperationFilter.PermissionRefusal, StringComparison.Ordinal);
        var pairing = doc.GetProperty("paths").GetProperty("/api/v1/pairing").GetProperty("post");
        Assert.Equal(0, pairing.GetProperty("security").GetArrayLength()); // no token: the phone has none yet
        var described = doc.GetProperty("components").GetProperty("schemas").GetProperty("DeviceCommandResult").GetProperty("description").GetString()!;
        var result = string.Join(' ', described.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("role may not send", result, StringComparison.Ordinal);
        Assert.Contains(ErrorCodes.PermissionDenied, result, StringComparison.Ordinal);
        Assert.Contains("permission", doc.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails").GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    private Task<JsonElement> Document() => fixture.OpenApiDocumentAsync();

    [Theory]
    [MemberData(nameof(ContractRoutes))]
    public async Task EveryContractRoute_IsDescribed_WithEveryStatusItAnswers(string method, string path, int[] statuses)
    {
        var doc = await Document();
        Assert.True(doc.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is missing");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is missing");
        var declared = operation.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.All(statuses, s => Assert.Contains(s, declared));
        foreach (var error in declared.Where(s => s >= 400 && s != 503 || (s == 503 && path.StartsWith("/api", StringComparison.Ordinal))))
        {
            var content = operation.GetProperty("responses").GetProperty(error.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetProperty("content");
            Assert.True(content.TryGetProperty("application/problem+json", out _), $"{method} {path} {error} is not a problem response");
        }
    }

    [Theory]
    [InlineData("OpenOrderRequest", new[] { "orderId", "channel" }, new[] { "table", "guests" })]
    [InlineData("AddLineRequest", new[] { "lineId", "menuItemId", "quantity" }, new[] { "note", "modifiers" })]
    [InlineData("AddPaymentRequest", new[] { "paymentId", "tender", "amountMinor" }, new[] { "tipMinor", "reference" })]
    [InlineData("VoidLineRequest", new[] { "reason" }, new string[0])]
    [InlineData("MenuItemRequest", new[] { "id", "name", "priceMinor", "taxRateBp", "station" }, new[] { "categoryId" })]
    [InlineData("MenuRequest", new[] { "currency", "items" }, new[] { "categories" })]
    [InlineData("MenuCategoryRequest", new[] { "id", "name" }, new string[0])]
    [InlineData("MenuView", new[] { "version", "currency", "items", "updatedAt", "categories" }, new string[0])]
    [InlineData("MenuItem", new[] { "id", "name", "priceMinor", "taxRateBp", "station", "categoryId" }, new string[0])]
    [InlineData("MenuCategory", new[] { "id", "name" }, new string[0])]
    [InlineData("OrderView", new[] { "orderId", "number", "channel", "table", "status", "version", "businessDate", "openedAt", "openedBy", "closedAt", "lines", "subtotalMinor", "taxMinor", "totalMinor", "paidMinor", "tipMinor", "balanceMinor", "payments" }, new string[0])]
    [InlineData("DeviceRef", new[] { "deviceId", "name", "employeeId", "employeeName" }, new string[0])]
    [InlineData("SaveEmployeeRequest", new[] { "name", "role" }, new[] { "pin", "active" })]
    [InlineData("EmployeeView", new[] { "employeeId", "name", "role", "active", "updatedAt" }, new string[0])]
    [InlineData("StaffSessionStarted", new[] { "sessionToken", "employeeId", "name", "role", "expiresAt", "clockedInAt" }, new string[0])]
    [InlineData("OrderLineView", new[] { "lineId", "menuItemId", "name", "quantity", "unitPriceMinor", "taxRateBp", "note", "modifiers", "status" }, new string[0])]
    [InlineData("DailyReport", new[] { "businessDate", "ordersClosed", "ordersOpen", "grossSalesMinor", "voidsMinor", "netSalesMinor", "taxMinor", "tipsMinor", "tenders", "items" }, new string[0])]
    [InlineData("RegisterDeviceRequest", new[] { "deviceId", "name", "role" }, new string[0])]
    [InlineData("DeviceRegistered", new[] { "deviceId", "token" }, new string[0])]
    [InlineData("DeviceView", new[] { "deviceId", "name", "role", "createdAt" }, new string[0])]
    [InlineData("CreatePairingCodeRequest", new[] { "role" }, new[] { "name" })]
    [InlineData("PairingCodeIssued", new[] { "codeId", "code", "codeGrouped", "role", "name", "expiresAt", "pairingUrl" }, new string[0])]
    [InlineData("PairDeviceRequest", new[] { "code" }, new[] { "name" })]
    [InlineData("PairedDevice", new[] { "deviceId", "token", "role", "name" }, new string[0])]
    [InlineData("CommandBatchRequest", new[] { "deviceId", "commands" }, new string[0])]
    [InlineData("DeviceCommandRequest", new[] { "commandId", "type", "orderId", "issuedAt" }, new[] { "expectedVersion", "payload" })]
    [InlineData("DeviceCommandResult", new[] { "commandId", "outcome", "order", "problem" }, new string[0])]
    [InlineData("JournalEventResponse", new[] { "seq", "eventId", "streamId", "type", "occurredAt", "deviceId", "data" }, new string[0])]
    public async Task Schemas_MarkRequiredFieldsAsRequired(string schema, string[] required, string[] optional)
    {
        var doc = await Document();
        var s = doc.GetProperty("components").GetProperty("schemas").GetProperty(schema);
        var marked = s.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
        Assert.All(required, f => Assert.Contains(f, marked));
        Assert.All(optional, f => Assert.DoesNotContain(f, marked));
        Assert.All(required.Concat(optional), f => Assert.True(s.GetProperty("properties").TryGetProperty(f, out _), $"{schema}.{f} is not described"));
    }

    [Fact]
    public async Task Enums_AreDescribedAsTheStringsOnTheWire()
    {
        var doc = await Document();
        var channel = doc.GetProperty("components").GetProperty("schemas").GetProperty("Channel");
        Assert.Equal(["dine-in", "takeout", "delivery"], channel.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_problem_schema_is_what_is_sent()
    {
        var problem = (await Document()).GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails");
        var required = problem.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToHashSet();
        Assert.Equal(["code", "status", "title", "type"], required.Order());
        var properties = problem.GetProperty("properties");
        Assert.All(["detail", "instance", "code", "errors", "currentVersion", "order", "traceId"], p => Assert.True(properties.TryGetProperty(p, out _), p));
        var result = (await Document()).GetProperty("components").GetProperty("schemas").GetProperty("DeviceCommandResult").GetProperty("properties");
        Assert.True(result.GetProperty("order").GetProperty("nullable").GetBoolean());
        Assert.True(result.GetProperty("problem").GetProperty("nullable").GetBoolean());
    }

    [Fact]
    public async Task Who_opened_an_order_and_a_menus_categories_are_described_with_what_may_be_null()
    {
        var schemas = (await Document()).GetProperty("components").GetProperty("schemas");
        var openedBy = schemas.GetProperty("OrderView").GetProperty("properties").GetProperty("openedBy");
        Assert.True(openedBy.GetProperty("nullable").GetBoolean(), openedBy.ToString());
        Assert.Contains("#/components/schemas/DeviceRef", openedBy.ToString(), StringComparison.Ordinal);
        Assert.Contains("opened the order", openedBy.GetProperty("description").GetString(), StringComparison.Ordinal);
        var device = schemas.GetProperty("DeviceRef").GetProperty("properties");
        Assert.True(device.GetProperty("name").GetProperty("nullable").GetBoolean());
        Assert.False(device.GetProperty("deviceId").TryGetProperty("nullable", out _));

        var categories = schemas.GetProperty("MenuView").GetProperty("properties").GetProperty("categories");
        Assert.False(categories.TryGetProperty("nullable", out _));
        Assert.Equal("#/components/schemas/MenuCategory", categories.GetProperty("items").GetProperty("$ref").GetString());
        Assert.True(schemas.GetProperty("MenuItem").GetProperty("properties").GetProperty("categoryId").GetProperty("nullable").GetBoolean());
        Assert.Equal(64, schemas.GetProperty("MenuItemRequest").GetProperty("properties").GetProperty("categoryId").GetProperty("maxLength").GetInt32());
    }

    [Theory]
    [InlineData("post", "/api/v1/orders/{orderId}/lines", true, true)]
    [InlineData("put", "/api/v1/menu", true, true)]
    [InlineData("put", "/api/v1/menu/items/{itemId}/availability", true, false)]
    [InlineData("put", "/api/v1/printers/{printerId}", true, true)]
    [InlineData("post", "/api/v1/printers/{printerId}/jobs/{jobId}/reprint", true, false)]
    [InlineData("post", "/api/v1/devices", false, false)]
    [InlineData("post", "/api/v1/pairing-codes", false, false)]
    [InlineData("post", "/api/v1/pairing", true, false)]
    [InlineData("put", "/api/v1/employees/{employeeId}", true, false)]
    [InlineData("post", "/api/v1/employees/{employeeId}/clock-in", true, false)]
    [InlineData("put", "/api/v1/drawers/{drawerId}", true, false)]
    [InlineData("post", "/api/v1/drawers/{drawerId}/sessions", true, false)]
    [InlineData("post", "/api/v1/drawer-sessions/{sessionId}/movements", true, false)]
    [InlineData("post", "/api/v1/drawer-sessions/{sessionId}/close", true, false)]
    [InlineData("post", "/api/v1/reports/z/print", true, false)]
    [InlineData("post", "/api/v1/orders/{orderId}/split", true, true)]
    [InlineData("post", "/api/v1/orders/{orderId}/move-lines", true, true)]
    [InlineData("post", "/api/v1/orders/{orderId}/discounts", true, true)]
    [InlineData("post", "/api/v1/orders/{orderId}/refunds", true, true)]
    [InlineData("post", "/api/v1/orders/{orderId}/payments/{paymentId}/tip", true, true)]
    public async Task Headers_honoured_are_declared(string method, string path, bool idempotencyKey, bool ifMatch)
    {
        var operation = (await Document()).GetProperty("paths").GetProperty(path).GetProperty(method);
        var headers = operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()).ToList()
            : [];
        Assert.Equal(idempotencyKey, headers.Contains("Idempotency-Key"));
        Assert.Equal(ifMatch, headers.Contains("If-Match"));
        // A body is required, except the empty one a reprint and a clock-in take.
        var bodyRequired = operation.GetProperty("requestBody").TryGetProperty("required", out var required) && required.GetBoolean();
        Assert.Equal(!path.EndsWith("/reprint", StringComparison.Ordinal) && !path.EndsWith("/clock-in", StringComparison.Ordinal), bodyRequired);
    }

    [Fact]
    public async Task Answers_declare_their_headers_and_every_operation_its_summary()
    {
        var doc = await Document();
        Assert.NotEmpty(doc.GetProperty("servers").EnumerateArray());
        var operations = doc.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value).ToList();
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.GetProperty("summary").GetString())));
        var open = doc.GetProperty("paths").GetProperty("/api/v1/orders").GetProperty("post").GetProperty("responses");
        Assert.True(open.GetProperty("201").GetProperty("headers").TryGetProperty("Location", out _));
        Assert.True(open.GetProperty("201").GetProperty("headers").TryGetProperty("ETag", out _));
        Assert.True(open.GetProperty("201").GetProperty("headers").TryGetProperty("Idempotent-Replayed", out _));
        Assert.True(open.GetProperty("503").GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.True(doc.GetProperty("paths").GetProperty("/api/v1/menu").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("headers").TryGetProperty("ETag", out _));
    }

    [Fact]
    public async Task Answers_may_grow_and_requests_are_strict()
    {
        var schemas = (await Document()).GetProperty("components").GetProperty("schemas");
        Assert.False(schemas.GetProperty("OrderView").TryGetProperty("additionalProperties", out _));
        Assert.False(schemas.GetProperty("AddLineRequest").GetProperty("additionalProperties").GetBoolean());
        var codePage = schemas.GetProperty("PrinterRequest").GetProperty("properties").GetProperty("codePage");
        Assert.Equal("pc858", codePage.GetProperty("default").GetString());
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        using var client = fixture.Anonymous();
        using var response = await client.GetAsync("/swagger/index.html");
        Assert.True(response.IsSuccessStatusCode);
    }
}
