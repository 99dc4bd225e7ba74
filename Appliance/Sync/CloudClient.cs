using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Pos.Appliance.Hosting;
using Pos.Contracts.Journal;
using Pos.Contracts.Menu;
using Pos.Contracts.Sync;

namespace Pos.Appliance.Sync;

/// <summary>
/// The typed HTTP client of the cloud for this store (from IHttpClientFactory, its retries and timeouts in the
/// resilience handler <see cref="SyncSetup"/> adds): signed journal batches up, the published menu down. It turns each
/// answer into a <see cref="CloudReply"/>; what to do about it is the cores' (<see cref="JournalShipper"/>, <see cref="MenuPuller"/>).
/// </summary>
public sealed class CloudClient(HttpClient http, CloudLink link) : ICloudSync
{
    private readonly string _journalPath = $"/cloud/v1/stores/{Uri.EscapeDataString(link.StoreId)}/journal";
    private readonly string _menuPath = $"/cloud/v1/stores/{Uri.EscapeDataString(link.StoreId)}/menu/published";

    public Uri Url => link.Url;

    public byte[] MenuRequestSigned => Encoding.UTF8.GetBytes(_menuPath);

    public async Task<CloudReply> SendBatchAsync(byte[] body, string signature, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(link.Url, _journalPath))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        // The cloud checks the store and the signature's time before it reads a body, and closes the connection when it
        // refuses one unread: waiting for its 100 Continue lets the refusal (a 401 with serverTime) be read rather than
        // lost in a reset while the body is still going up.
        request.Headers.ExpectContinue = true;
        return await SendAsync(request, signature, $"the batch of {body.Length:N0} bytes", (response, json) =>
            response.StatusCode == HttpStatusCode.OK
                ? (CloudReply)new CloudReply.Acked(json.GetProperty("ackedSeq").GetInt64())
                : response.StatusCode == HttpStatusCode.Conflict && Code(json) == "journal-gap" && json.TryGetProperty("expectedSeq", out var expected)
                    ? new CloudReply.Gap(expected.GetInt64())
                    : null, cancellationToken);
    }

    public async Task<CloudReply> GetPublishedMenuAsync(int afterVersion, string signature, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(link.Url, $"{_menuPath}?after={afterVersion}"));
        return await SendAsync(request, signature, "the menu request", (response, json) => response.StatusCode switch
        {
            HttpStatusCode.NoContent => new CloudReply.NoNewMenu(),
            HttpStatusCode.NotFound when Code(json) == "menu-not-published" => new CloudReply.NoNewMenu(),
            HttpStatusCode.OK => new CloudReply.Menu(
                json.GetProperty("version").GetInt32(),
                json.GetProperty("menu").Deserialize<MenuDefinition>(EventJson.Options)
                    ?? throw new JsonException($"The cloud's menu version {json.GetProperty("version").GetInt32()} is empty.")),
            _ => (CloudReply?)null,
        }, cancellationToken);
    }

    /// <summary>Sends; <paramref name="read"/> makes the reply of an answer it knows, null for any other (an error).</summary>
    private async Task<CloudReply> SendAsync(
        HttpRequestMessage request, string signature, string what, Func<HttpResponseMessage, JsonElement, CloudReply?> read, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation(BatchSignature.Header, signature);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or System.Net.Sockets.SocketException or IOException)
        {
            // A connection the peer drops as it is made can surface as the socket's own error, not wrapped.
            return new CloudReply.Unavailable($"The cloud at {link.Url} cannot be reached: {e.Message}");
        }
        catch (TimeoutRejectedException e)
        {
            return new CloudReply.Unavailable($"The cloud at {link.Url} did not answer within {e.Timeout.TotalSeconds:0} s.");
        }
        catch (BrokenCircuitException e)
        {
            return new CloudReply.Unavailable($"The cloud at {link.Url} is not tried for now after repeated failures: {e.Message}");
        }
        using (response)
        {
            JsonElement json;
            try
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                using var document = JsonDocument.Parse(bytes.Length == 0 ? "{}"u8.ToArray() : bytes);
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return new CloudReply.Unavailable($"The cloud answered {(int)response.StatusCode} to {what} with a body that is not JSON.");
            }
            catch (HttpRequestException e)
            {
                return new CloudReply.Unavailable($"The cloud at {link.Url} cut its answer to {what} short: {e.Message}");
            }
            try
            {
                return read(response, json) ?? Unexpected(response.StatusCode, json, what);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return new CloudReply.Refused($"The cloud's answer {(int)response.StatusCode} to {what} is not what the store understands: {e.Message}");
            }
        }
    }

    private static string? Code(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;

    private CloudReply Unexpected(HttpStatusCode status, JsonElement json, string what)
    {
        var code = Code(json);
        var detail = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        var said = $"The cloud answered {(int)status}{(code is null ? "" : $" {code}")} to {what}{(detail is null ? "." : $": {detail}")}";
        if (status == HttpStatusCode.Unauthorized)
        {
            var cloudTime = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("serverTime", out var t) && t.TryGetDateTimeOffset(out var at) ? at : (DateTimeOffset?)null;
            return new CloudReply.Unauthorized(cloudTime, $"{said} Check POS_STORE_ID ({link.StoreId}) and POS_STORE_SECRET against the cloud's registration.");
        }
        // Server errors and throttling pass; refusals of the store's data or credentials need a person.
        return (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
            ? new CloudReply.Unavailable(said)
            : new CloudReply.Refused(said);
    }
}
