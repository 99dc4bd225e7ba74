using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Pos.Client.Http;

/// <summary>
/// A refusal as the appliance answered it (an RFC 9457 problem): the status, its stable <c>code</c>, the sentence for
/// the person, and the members a screen acts on: the missing <c>permission</c> of a <c>permission-denied</c>, the end of
/// a lock-out (<c>lockedUntil</c>, else <c>Retry-After</c>).
/// </summary>
public sealed record ApplianceProblem(int Status, string Code, string Detail, string? Permission = null, DateTimeOffset? LockedUntil = null)
{
    /// <summary>Reads the problem of a refused answer; what is not a problem document keeps the status and a plain sentence.</summary>
    public static async Task<ApplianceProblem> ReadAsync(HttpResponseMessage response, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var status = (int)response.StatusCode;
        string? code = null, detail = null, permission = null;
        DateTimeOffset? lockedUntil = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.Length > 0 && JsonSerializer.Deserialize(text, WireJson.Info<JsonElement>()) is { ValueKind: JsonValueKind.Object } p)
            {
                code = Text(p, "code");
                detail = Text(p, "detail") ?? Text(p, "title");
                permission = Text(p, "permission");
                lockedUntil = Text(p, "lockedUntil") is { } until
                    && DateTimeOffset.TryParse(until, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
            }
        }
        catch (JsonException)
        {
            // A proxy's page, not a problem: the status says enough.
        }
        if (lockedUntil is null && response.StatusCode == HttpStatusCode.TooManyRequests && response.Headers.RetryAfter?.Delta is { } after)
        {
            lockedUntil = (time ?? TimeProvider.System).GetUtcNow() + after;
        }
        return new ApplianceProblem(status, code ?? "", detail ?? $"The appliance answered {status}.", permission, lockedUntil);
    }

    private static string? Text(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
