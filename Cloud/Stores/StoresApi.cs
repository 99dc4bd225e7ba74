using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Pos.Cloud.Hosting;
using Pos.Grains.Journal;

namespace Pos.Cloud.Stores;

/// <summary>A store to register or rename.</summary>
public sealed record StoreRequest(string? Name, string? TimeZone);

/// <summary>
/// One event of a store's journal, as the appliance's journal API shows it, but for its <c>data</c> object: that is
/// taken as raw JSON text straight from the parsed body (see <see cref="StoresApi.PostJournal"/>).
/// </summary>
public sealed record JournalEventRequest(
    long Seq, Guid EventId, string? StreamId, int StreamVersion, string? Type, DateTimeOffset OccurredAt,
    string? DeviceId, DateOnly? BusinessDate);

/// <summary>A batch of consecutive events, and the store's journal head (its last seq) when it sent them.</summary>
public sealed record JournalBatchRequest(IReadOnlyList<JournalEventRequest>? Events, long? HeadSeq = null);

/// <summary>/cloud/v1/stores: registration (HQ), signed journal batches (stores), the list with sync status (HQ).</summary>
public static class StoresApi
{
    public const int MaxBatchBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapStoresApi(this IEndpointRouteBuilder app)
    {
        var hq = app.MapGroup("/cloud/v1/stores").WithTags("Stores").AddEndpointFilter<HqAdminFilter>();
        hq.MapPut("/{storeId}", PutStore).WithName("PutStore");
        hq.MapGet("/", ListStores).WithName("ListStores");
        // Signed by the store itself, not by HQ.
        app.MapPost("/cloud/v1/stores/{storeId}/journal", PostJournal).WithTags("Stores").WithName("PostJournal");
        return app;
    }

    public static async Task<IResult> PutStore(string storeId, StoreRequest? body, StoreRegistry registry, CancellationToken cancellationToken)
    {
        if (!IsId(storeId))
        {
            return CloudProblems.Invalid("storeId", "storeId must be 1-64 letters, digits, '-' or '_'.");
        }
        if (string.IsNullOrWhiteSpace(body?.Name))
        {
            return CloudProblems.Invalid("name", "name is required.");
        }
        var zone = body.TimeZone?.Trim() ?? "";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            return CloudProblems.Invalid("timeZone", $"timeZone '{zone}' is not an IANA time zone such as America/New_York.");
        }
        var (created, secret) = await registry.PutAsync(storeId, body.Name.Trim(), zone, cancellationToken);
        var answer = new { storeId, secret };
        return created ? Results.Created($"/cloud/v1/stores/{storeId}", answer) : Results.Ok(answer);
    }

    public static async Task<IResult> ListStores(StoreRegistry registry, CancellationToken cancellationToken) =>
        Results.Ok(new { stores = await registry.ListAsync(cancellationToken) });

    public static async Task<IResult> PostJournal(
        string storeId, HttpContext http, StoreRegistry registry, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        // The signature covers the raw bytes, so the body is read before anything is parsed; the server stops
        // reading (and refuses) once it passes the limit, rather than buffering it all first.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBatchBytes;
        }
        using var buffer = new MemoryStream();
        try
        {
            await http.Request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return CloudProblems.Of(413, "batch-too-large", "The batch is too large", $"Send at most {MaxBatchBytes} bytes per batch.");
        }
        // The signature and the parser read the stream's own buffer: the body is never copied whole.
        var body = buffer.TryGetBuffer(out var written) ? written.AsMemory() : buffer.ToArray();
        var secret = IsId(storeId) ? await registry.SecretAsync(storeId, cancellationToken) : null;
        // An unknown store and a wrong signature look the same from outside.
        var refusal = secret is null
            ? "No store with this id and secret."
            : BatchSignature.Verify(http.Request.Headers[BatchSignature.Header], secret, time.GetUtcNow(), body.Span);
        if (refusal is not null)
        {
            return CloudProblems.Of(401, "unauthorized", "A valid credential is required", refusal,
                new Dictionary<string, object?> { ["serverTime"] = time.GetUtcNow() });
        }
        // One parse of the body: the typed fields are read from the document (the serializer skips each event's data),
        // and each event's data object is taken from it as raw text.
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return Malformed(e);
        }
        using var parsed = document;
        JournalBatchRequest? batch;
        try
        {
            batch = parsed.RootElement.Deserialize<JournalBatchRequest>(EventJson.Options);
        }
        catch (JsonException e)
        {
            return Malformed(e);
        }
        if (batch?.Events is not { } events)
        {
            return CloudProblems.Invalid("events", "events is required (it may be empty).");
        }
        if (batch.HeadSeq is < 0)
        {
            return CloudProblems.Invalid("headSeq", "headSeq, the store's last journal seq, cannot be negative.");
        }
        // Events is set, so the body is an object with an events array whose items are `events`, in order.
        if (LastProperty(parsed.RootElement, "events") is not { ValueKind: JsonValueKind.Array } raw || raw.GetArrayLength() != events.Count)
        {
            return CloudProblems.Invalid("events", "events must be one array of events.");
        }
        var entries = new List<JournalEntry>(events.Count);
        foreach (var item in raw.EnumerateArray())
        {
            var i = entries.Count;
            if (events[i] is not { } e)
            {
                return CloudProblems.Invalid($"events[{i}]", "Each event must be a JSON object.");
            }
            if (LastProperty(item, "data") is not { ValueKind: JsonValueKind.Object } data)
            {
                return CloudProblems.Invalid($"events[{i}].data", "Each event's data must be a JSON object.");
            }
            entries.Add(new JournalEntry(
                e.Seq, e.EventId, e.StreamId ?? "", e.StreamVersion, e.Type ?? "", e.OccurredAt, e.DeviceId ?? "", e.BusinessDate,
                data.GetRawText()));
        }
        IngestResult result;
        try
        {
            result = await grains.GetGrain<IStoreGrain>(storeId).Ingest(entries, batch.HeadSeq);
        }
        catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
        {
            // The silo holding the store's ingest went away mid-call (it may or may not have stored the batch): the
            // store sends the batch again, here or to another silo, and an overlap with what got stored is skipped.
            return TryAgain($"The cloud silo handling this store became unavailable ({e.GetType().Name}); send the batch again.");
        }
        return result.Outcome switch
        {
            IngestOutcome.Busy => TryAgain(result.Detail!),
            IngestOutcome.Accepted => Results.Ok(new { ackedSeq = result.AckedSeq }),
            IngestOutcome.Gap => CloudProblems.Of(409, "journal-gap", "The batch does not follow what the cloud holds", result.Detail!,
                new Dictionary<string, object?> { ["expectedSeq"] = result.ExpectedSeq, ["ackedSeq"] = result.AckedSeq }),
            IngestOutcome.Conflict => CloudProblems.Of(409, "journal-conflict", "The batch contradicts what the cloud holds", result.Detail!,
                new Dictionary<string, object?> { ["conflictSeq"] = result.ConflictSeq, ["ackedSeq"] = result.AckedSeq }),
            IngestOutcome.UnknownStore => CloudProblems.Unauthorized(result.Detail!),
            _ => CloudProblems.Invalid("events", result.Detail!),
        };
    }

    /// <summary>
    /// The value of an object's property matched as the serializer matches it (case-insensitively, the last one of
    /// a repeated name), or null.
    /// </summary>
    private static JsonElement? LastProperty(JsonElement obj, string name)
    {
        JsonElement? found = null;
        if (obj.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in obj.EnumerateObject())
            {
                if (property.NameEquals(name) || string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    found = property.Value;
                }
            }
        }
        return found;
    }

    private static IResult Malformed(JsonException e) =>
        CloudProblems.Of(400, "malformed-json", "The body is not valid JSON", $"The batch is not valid JSON: {e.Message}");

    private static IResult TryAgain(string detail) =>
        CloudProblems.Of(503, "try-again", "Send the batch again", detail);

    private static bool IsId(string id) =>
        id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
