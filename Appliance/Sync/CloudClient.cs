using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pos.Appliance.Hosting;
using Pos.Appliance.Telemetry;
using Pos.Contracts.Journal;
using Pos.Contracts.Menu;
using Pos.Contracts.Sync;
using Pos.Grains.Clock;

namespace Pos.Appliance.Sync;

/// <summary>What the cloud said to a batch.</summary>
public abstract record BatchAnswer
{
    /// <summary>
    /// The cloud holds every event up to <paramref name="AckedSeq"/>; the batch went up to <paramref name="SentThroughSeq"/>
    /// (the events that fit in one body, <see cref="JournalBatch.MaxBytes"/>).
    /// </summary>
    public sealed record Acked(long AckedSeq, long SentThroughSeq) : BatchAnswer;

    /// <summary>The cloud holds less than the batch assumed: send again from <paramref name="ExpectedSeq"/>.</summary>
    public sealed record Gap(long ExpectedSeq) : BatchAnswer;
}

/// <summary>A menu published in the cloud, newer than the one the store applied last.</summary>
public sealed record PublishedMenu(int Version, MenuDefinition Menu);

/// <summary>The cloud cannot be reached, or answered with an error worth retrying later.</summary>
public sealed class CloudUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The cloud refused the store's data or credentials; retrying the same thing will not help until someone acts.</summary>
public sealed class CloudRefusedException(string message) : Exception(message);

/// <summary>
/// Talks to the cloud for this store: signed journal batches up, the published menu down. Signatures carry the
/// cloud's time: the store clock plus the offset learned from the cloud's 401 answers (which tell the
/// cloud's time), so a store clock that is minutes off does not stop sync.
/// </summary>
public sealed class CloudClient(CloudLink link, StoreClock clock, HttpClient http)
{
    private long _offsetTicks;

    /// <summary>How far the cloud's clock is ahead of the store clock, as last learned.</summary>
    public TimeSpan ClockOffset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public Uri Url => link.Url;

    /// <summary>
    /// Sends events (consecutive seqs) with the store's journal head: the first of them that fit in the cloud's limit
    /// on a body (<see cref="JournalBatch.MaxBytes"/>), at least one. The answer says how far the batch went.
    /// </summary>
    public async Task<BatchAnswer> SendAsync(IReadOnlyList<JournalEntry> events, long headSeq, CancellationToken cancellationToken)
    {
        var body = JournalBatch.Write(events, headSeq, JournalBatch.MaxBytes, out var count);
        var sent = events.Take(count).ToList();
        var path = $"/cloud/v1/stores/{Uri.EscapeDataString(link.StoreId)}/journal";
        using var response = await SignedAsync(HttpMethod.Post, path, body, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            using var json = await ReadJsonAsync(response, cancellationToken);
            return new BatchAnswer.Acked(json.RootElement.GetProperty("ackedSeq").GetInt64(), sent[^1].Seq);
        }
        var problem = await ProblemAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict && problem.Code == "journal-gap" && problem.Root.TryGetProperty("expectedSeq", out var expected))
        {
            return new BatchAnswer.Gap(expected.GetInt64());
        }
        throw Unexpected(response.StatusCode, problem, $"the batch of seq {sent[0].Seq}-{sent[^1].Seq} ({body.Length:N0} bytes)");
    }

    /// <summary>The menu published for this store if newer than <paramref name="appliedVersion"/>, else null.</summary>
    public async Task<PublishedMenu?> PullMenuAsync(int appliedVersion, CancellationToken cancellationToken)
    {
        var path = $"/cloud/v1/stores/{Uri.EscapeDataString(link.StoreId)}/menu/published";
        using var response = await SignedAsync(HttpMethod.Get, path, Encoding.UTF8.GetBytes(path), cancellationToken, $"?after={appliedVersion}");
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }
        if (response.StatusCode == HttpStatusCode.OK)
        {
            using var json = await ReadJsonAsync(response, cancellationToken);
            var version = json.RootElement.GetProperty("version").GetInt32();
            var menu = json.RootElement.GetProperty("menu").Deserialize<MenuDefinition>(EventJson.Options)
                ?? throw new CloudRefusedException($"The cloud's menu version {version} is empty.");
            return version > appliedVersion ? new PublishedMenu(version, menu) : null;
        }
        var problem = await ProblemAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound && problem.Code == "menu-not-published")
        {
            return null;
        }
        throw Unexpected(response.StatusCode, problem, "the menu request");
    }

    /// <summary>
    /// Sends a request signed over <paramref name="signed"/>. A 401 that tells the cloud's time and says the
    /// signature's time is off is answered once more, signed with the cloud's time.
    /// </summary>
    private async Task<HttpResponseMessage> SignedAsync(
        HttpMethod method, string path, byte[] signed, CancellationToken cancellationToken, string query = "")
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, new Uri(link.Url, path + query));
            if (method == HttpMethod.Post)
            {
                request.Content = new ByteArrayContent(signed) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
                // The cloud checks the store and the signature's time before it reads a body, and closes the connection
                // when it refuses one unread: waiting for its 100 Continue lets the refusal (a 401 with serverTime) be
                // read rather than lost in a reset while the body is still going up.
                request.Headers.ExpectContinue = true;
            }
            var sentAt = clock.Time.GetUtcNow();
            request.Headers.TryAddWithoutValidation(BatchSignature.Header, BatchSignature.Sign(link.Secret, sentAt + ClockOffset, signed));
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new CloudUnavailableException($"The cloud at {link.Url} cannot be reached: {e.Message}", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CloudUnavailableException($"The cloud at {link.Url} did not answer within {http.Timeout.TotalSeconds:0} s.", e);
            }
            if (response.StatusCode != HttpStatusCode.Unauthorized || attempt > 1)
            {
                return response;
            }
            // The body is buffered, so whoever gets the response can still read it.
            using var problem = await ReadJsonAsync(response, cancellationToken);
            if (!problem.RootElement.TryGetProperty("serverTime", out var serverTime)
                || !serverTime.TryGetDateTimeOffset(out var cloudNow)
                || (cloudNow - (sentAt + ClockOffset)).Duration() < BatchSignature.Tolerance / 2)
            {
                return response; // the clock was fine: the credential is wrong
            }
            // Half the round trip is the best guess of when the cloud read its clock.
            var receivedAt = clock.Time.GetUtcNow();
            var offset = cloudNow - (sentAt + (receivedAt - sentAt) / 2);
            Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
            ApplianceTelemetry.SyncClockCorrections.Add(1);
            response.Dispose();
        }
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return JsonDocument.Parse(bytes.Length == 0 ? "{}"u8.ToArray() : bytes);
        }
        catch (JsonException e)
        {
            throw new CloudUnavailableException($"The cloud answered {(int)response.StatusCode} with a body that is not JSON.", e);
        }
    }

    private sealed record Problem(string? Code, string? Detail, JsonElement Root);

    private static async Task<Problem> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var json = await ReadJsonAsync(response, cancellationToken);
        var root = json.RootElement.Clone();
        return new Problem(
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty("code", out var code) ? code.GetString() : null,
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty("detail", out var detail) ? detail.GetString() : null,
            root);
    }

    private Exception Unexpected(HttpStatusCode status, Problem problem, string what)
    {
        var said = $"The cloud answered {(int)status}{(problem.Code is null ? "" : $" {problem.Code}")} to {what}{(problem.Detail is null ? "." : $": {problem.Detail}")}";
        // Server errors and throttling pass; refusals of the store's data or credentials need a person.
        return (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
            ? new CloudUnavailableException(said)
            : new CloudRefusedException(said + (status == HttpStatusCode.Unauthorized
                ? $" Check POS_STORE_ID ({link.StoreId}) and POS_STORE_SECRET against the cloud's registration."
                : ""));
    }
}
