using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Client.Outbox;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Contracts.Sync;

namespace Pos.Client.Http;

/// <summary>
/// Sends a batch of queued commands through <c>POST /api/v1/sync/commands</c> and reads what became of each. What a
/// resend would change nothing about (the appliance unreachable, busy, without its database) is
/// <see cref="BatchAttempt.Unreachable"/>; a revoked token is <see cref="BatchAttempt.Unauthorized"/>. A batch of a
/// person's commands (the outbox sends one person's at a time) goes with their staff session's token while it lives;
/// a session the appliance refuses is forgotten and the batch goes with the device's own token (the client's default),
/// so nothing waits on a person who is gone, and only the device's own refusal means the device is revoked.
/// </summary>
public sealed class HttpCommandTransport(HttpClient http, string deviceId, Staff.StaffSessions? staff = null) : ICommandTransport
{
    public const string Route = "api/v1/sync/commands";

    /// <summary>The header that tells the appliance how many commands wait besides the batch (its outbox depth metric).</summary>
    public const string OutboxDepthHeader = "Pos-Outbox-Depth";

    public Task<BatchAttempt> SendAsync(IReadOnlyList<QueuedCommand> commands, CancellationToken cancellationToken) =>
        SendAsync(commands, null, cancellationToken);

    public Task<BatchAttempt> SendAsync(IReadOnlyList<QueuedCommand> commands, int waitingBesides, CancellationToken cancellationToken) =>
        SendAsync(commands, (int?)waitingBesides, cancellationToken);

    private async Task<BatchAttempt> SendAsync(IReadOnlyList<QueuedCommand> commands, int? waitingBesides, CancellationToken cancellationToken)
    {
        var batch = new CommandBatchRequest(deviceId, [.. commands.Select(c =>
            new DeviceCommandRequest(c.CommandId, c.Type, c.OrderId, c.ExpectedVersion, c.IssuedAt, c.Payload))]);
        var session = commands.Count > 0 && commands[0].EmployeeId is { } person ? staff?.TokenFor(person) : null;
        var attempt = await SendAsync(batch, session, waitingBesides, cancellationToken);
        if (attempt is BatchAttempt.Unauthorized && session is not null)
        {
            await staff!.RefusedAsync(session, cancellationToken);
            attempt = await SendAsync(batch, null, waitingBesides, cancellationToken);
        }
        return attempt;
    }

    private async Task<BatchAttempt> SendAsync(CommandBatchRequest batch, string? session, int? waitingBesides, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Route)
            {
                Content = JsonContent.Create(batch, WireJson.Info<CommandBatchRequest>()),
            };
            if (waitingBesides is { } waiting)
            {
                request.Headers.Add(OutboxDepthHeader, waiting.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            if (session is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session);
            }
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return new BatchAttempt.Unreachable($"The appliance cannot be reached: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new BatchAttempt.Unreachable("The appliance did not answer in time.");
        }
        using (response)
        {
            return await ReadAsync(response, cancellationToken);
        }
    }

    private static async Task<BatchAttempt> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            var answer = await response.Content.ReadFromJsonAsync(WireJson.Info<CommandBatchResponse>(), cancellationToken)
                ?? throw new JsonException("The appliance answered a batch with an empty body.");
            return new BatchAttempt.Answered([.. answer.Results.Select(r => new CommandAnswer(
                r.CommandId, r.Outcome, r.Version,
                r.Order is null ? null : JsonSerializer.SerializeToElement(r.Order, WireJson.Info<OrderView>()),
                r.Problem is null ? null : JsonSerializer.SerializeToElement(r.Problem, WireJson.Info<ProblemDetails>())))]);
        }
        var problem = await ProblemOf(response, cancellationToken);
        var detail = problem is { } p && p.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : response.ReasonPhrase ?? "";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new BatchAttempt.Unauthorized(detail),
            HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout
                => new BatchAttempt.Unreachable(detail, RetryAfter(response)),
            >= HttpStatusCode.InternalServerError => new BatchAttempt.Unreachable(detail, RetryAfter(response)),
            _ => new BatchAttempt.Refused((int)response.StatusCode, detail, problem),
        };
    }

    private static async Task<JsonElement?> ProblemOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return text.Length == 0 ? null : JsonSerializer.Deserialize(text, WireJson.Info<JsonElement>());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date is { } at ? at - DateTimeOffset.UtcNow : null);
}
