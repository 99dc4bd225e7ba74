using System.Net.Http.Json;
using System.Text.Json;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Staff;

/// <summary>Saving people, signing them in, reading what the journal says of them.</summary>
public static class StaffRig
{
    public static async Task<HttpResponseMessage> SaveEmployeeAsync(
        this HttpClient manager, string employeeId, string name, string role, string? pin, string? key = null, bool? active = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/employees/{employeeId}")
        {
            Content = JsonContent.Create(new { name, role, pin, active }, options: PosClient.Json),
        };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await manager.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient device, string pin) =>
        device.PostAsJsonAsync("/api/v1/staff-sessions", new { pin });

    /// <summary>Signs in with a PIN that must work; the session's token.</summary>
    public static async Task<string> SessionAsync(this HttpClient device, string pin)
    {
        using var response = await device.SignInAsync(pin);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"sign-in answered {(int)response.StatusCode}: {body}");
        return body.GetProperty("sessionToken").GetString()!;
    }

    public static Task<HttpResponseMessage> ClockAsync(this HttpClient client, string employeeId, string way) =>
        client.PostAsJsonAsync($"/api/v1/employees/{employeeId}/{way}", new { });

    /// <summary>The journal's events of a type.</summary>
    public static async Task<List<JsonElement>> EventsAsync(this HttpClient admin, string type) =>
        [.. (await admin.ReadJournalAsync()).Where(e => e.GetProperty("type").GetString() == type)];

    public static string? Text(this JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
