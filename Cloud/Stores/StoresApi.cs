using System.Text.Json;
using Pos.Cloud.Hosting;
using Pos.Contracts.Cloud;
using Pos.Contracts.Journal;
using Pos.Contracts.Requests;
using Pos.Contracts.Sync;
using Pos.Hosting.Access;

namespace Pos.Cloud.Stores;

/// <summary>/cloud/v1/stores: registration (HQ), signed journal batches (stores), the list with sync status (HQ).</summary>
public static class StoresApi
{
    public const int MaxNameLength = 100;
    private const int MaxTimeZoneLength = 64;
    private const int MaxStreamIdLength = 200;
    private const int MaxTypeLength = 100;
    private const int MaxDeviceIdLength = 200;

    public static IEndpointRouteBuilder MapStoresApi(this IEndpointRouteBuilder app)
    {
        var hq = app.MapGroup("/cloud/v1/stores").WithTags("Stores").RequireAuthorization();
        hq.MapPut("/{storeId}", PutStore).WithName("PutStore")
            .Produces<StoreRegistered>(StatusCodes.Status201Created).Produces<StoreRegistered>();
        hq.MapGet("/", ListStores).WithName("ListStores").Produces<StoreList>();
        hq.MapPost("/{storeId}/secret/rotate", RotateSecret).WithName("RotateStoreSecret")
            .Accepts<SecretRotationRequest>("application/json").Produces<StoreSecretRotated>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Signed by the store itself, not by HQ.
        app.MapPost("/cloud/v1/stores/{storeId}/journal", PostJournal).WithTags("Stores").WithName("PostJournal")
            .Accepts<JournalBatchRequest>("application/json").Produces<IngestAck>();
        return app;
    }

    public static async Task<IResult> PutStore(string storeId, StoreRequest? body, StoreRegistry registry, CancellationToken cancellationToken)
    {
        if (!StoreIds.IsId(storeId))
        {
            return CloudProblems.Invalid(StoreIds.Field, StoreIds.Rule);
        }
        if (TextRules.Check("name", body?.Name?.Trim(), MaxNameLength, required: true) is { } badName)
        {
            return CloudProblems.Refused(badName, "name");
        }
        var zone = body!.TimeZone?.Trim() ?? "";
        if (TextRules.Check("timeZone", zone, MaxTimeZoneLength) is { } badZone)
        {
            return CloudProblems.Refused(badZone, "timeZone");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            return CloudProblems.Invalid("timeZone", $"timeZone '{zone}' is not an IANA time zone such as America/New_York.");
        }
        var (created, secret) = await registry.PutAsync(storeId, body.Name!.Trim(), zone, cancellationToken);
        var answer = new StoreRegistered(storeId, secret);
        return created ? Results.Created($"/cloud/v1/stores/{storeId}", answer) : Results.Ok(answer);
    }

    /// <summary>
    /// A new secret for a registered store, shown once; the one in use is still accepted for the grace asked (an hour
    /// by default), so the store keeps syncing until its operator sets the new POS_STORE_SECRET and restarts it.
    /// </summary>
    public static async Task<IResult> RotateSecret(string storeId, SecretRotationRequest? body, StoreRegistry registry, CancellationToken cancellationToken)
    {
        var grace = body?.GraceMinutes ?? SecretRotationRequest.DefaultGraceMinutes;
        if (grace is < 0 or > SecretRotationRequest.MaxGraceMinutes)
        {
            return CloudProblems.Invalid("graceMinutes",
                $"graceMinutes must be 0 to {SecretRotationRequest.MaxGraceMinutes} (three days); 0 refuses the old secret at once.");
        }
        return await registry.RotateAsync(storeId, TimeSpan.FromMinutes(grace), cancellationToken) is { } rotated
            ? Results.Ok(new StoreSecretRotated(storeId, rotated.Secret, rotated.PreviousValidUntil))
            : CloudProblems.Of(StatusCodes.Status404NotFound, "store-not-found", "No such store",
                $"No store '{storeId}' is registered; PUT /cloud/v1/stores/{{storeId}} registers one.");
    }

    public static async Task<IResult> ListStores(StoreRegistry registry, CancellationToken cancellationToken) =>
        Results.Ok(new StoreList(await registry.ListAsync(cancellationToken)));

    /// <summary>
    /// A signed batch. Nothing of the body is read until the store is known and its signature header is present,
    /// well formed and fresh; a body declared larger than the limit is refused unread; then the body is read by one
    /// of a few readers, two at most per client (<see cref="BatchReading"/>), at most up to the limit, into the
    /// signature's MAC as it arrives, and parsed (strictly) only once the MAC matches.
    /// </summary>
    public static async Task<IResult> PostJournal(
        string storeId, HttpContext http, StoreRegistry registry, BatchIntake intake, FailedAuthenticationLimit failures,
        IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var refusal = BatchSignature.Parse(http.Request.Headers[BatchSignature.Header], now, out var signature);
        var keys = refusal is null ? await KeysAsync(registry, storeId, http, failures, cancellationToken) : null;
        // An unknown store and a wrong signature look the same from outside.
        refusal ??= keys is null ? "No store with this id and secret." : null;
        if (refusal is not null)
        {
            return Unauthenticated(http, failures, refusal, now, bodyRead: false);
        }
        var (read, unread) = await BatchReading.ReadAsync(
            http, intake, failures, keys!, Reload(registry, storeId, http, failures), signature, now, cancellationToken);
        if (read is not { } body)
        {
            return unread!;
        }
        List<JournalEntry> entries;
        long? headSeq;
        using (body)
        {
            var parsed = Parse(body);
            if (parsed.Problem is { } problem)
            {
                return problem;
            }
            (entries, headSeq) = (parsed.Entries!, parsed.HeadSeq);
        }
        IngestResult result;
        try
        {
            result = await grains.GetGrain<IStoreGrain>(storeId).Ingest(entries, headSeq);
        }
        catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
        {
            // The silo holding the store's ingest went away mid-call (it may or may not have stored the batch): the
            // store sends the batch again, here or to another silo, and an overlap with what got stored is skipped.
            return CloudProblems.TryAgain(http, "Send the batch again",
                $"The cloud silo handling this store became unavailable ({e.GetType().Name}); send the batch again.");
        }
        return result.Outcome switch
        {
            IngestOutcome.Busy => CloudProblems.TryAgain(http, "Send the batch again", result.Detail!),
            IngestOutcome.Accepted => Results.Ok(new IngestAck(result.AckedSeq)),
            IngestOutcome.Gap => CloudProblems.Of(409, "journal-gap", "The batch does not follow what the cloud holds", result.Detail!,
                new Dictionary<string, object?> { ["expectedSeq"] = result.ExpectedSeq, ["ackedSeq"] = result.AckedSeq }),
            IngestOutcome.Conflict => CloudProblems.Of(409, "journal-conflict", "The batch contradicts what the cloud holds", result.Detail!,
                new Dictionary<string, object?> { ["conflictSeq"] = result.ConflictSeq, ["ackedSeq"] = result.AckedSeq }),
            IngestOutcome.UnknownStore => CloudProblems.Unauthorized(result.Detail!),
            _ => CloudProblems.Invalid("events", result.Detail!),
        };
    }

    /// <summary>The batch's events as the journal holds them, or the problem with the body (strict JSON, text rules).</summary>
    private static (List<JournalEntry>? Entries, long? HeadSeq, IResult? Problem) Parse(BatchBody body)
    {
        JournalBatchRequest? batch;
        try
        {
            var reader = new Utf8JsonReader(body.Bytes);
            batch = JsonSerializer.Deserialize<JournalBatchRequest>(ref reader, RequestJson.Options);
            reader.Read(); // anything after the object is not one JSON value: the reader throws
        }
        catch (JsonException e)
        {
            return (null, null, CloudProblems.FromJson(e));
        }
        if (batch?.Events is not { } events)
        {
            return (null, null, CloudProblems.Invalid("events", "events is required (it may be empty)."));
        }
        if (batch.HeadSeq is < 0)
        {
            return (null, null, CloudProblems.Invalid("headSeq", "headSeq, the store's last journal seq, cannot be negative."));
        }
        var entries = new List<JournalEntry>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (Check(events[i], $"events[{i}]") is { } invalid)
            {
                return (null, null, invalid);
            }
            var e = events[i]!;
            entries.Add(new JournalEntry(
                e.Seq, e.EventId, e.StreamId!, e.StreamVersion, e.Type!, e.OccurredAt, e.DeviceId ?? "", e.BusinessDate, e.Data.GetRawText())
            {
                EmployeeId = e.EmployeeId,
                ApprovedBy = e.ApprovedBy,
            });
        }
        return (entries, batch.HeadSeq, null);
    }

    /// <summary>The problem with one event, or null: its text fields are single lines, its data an object PostgreSQL can store.</summary>
    private static IResult? Check(JournalEventRequest? e, string at)
    {
        if (e is null)
        {
            return CloudProblems.Invalid(at, "Each event must be a JSON object.");
        }
        // Ids the store made, not text a person wrote: not read for card numbers (the store refused those at its door).
        var text = TextRules.Check($"{at}.streamId", e.StreamId, MaxStreamIdLength, required: true, identifier: true)
            ?? TextRules.Check($"{at}.type", e.Type, MaxTypeLength, required: true, identifier: true)
            ?? TextRules.Check($"{at}.deviceId", e.DeviceId, MaxDeviceIdLength, identifier: true)
            ?? TextRules.Check($"{at}.employeeId", e.EmployeeId, MaxDeviceIdLength, identifier: true)
            ?? TextRules.Check($"{at}.approvedBy", e.ApprovedBy, MaxDeviceIdLength, identifier: true);
        if (text is not null)
        {
            return CloudProblems.Invalid(text.Field!, text.Detail);
        }
        if (e.Data.ValueKind != JsonValueKind.Object)
        {
            return CloudProblems.Invalid($"{at}.data", "Each event's data must be a JSON object.");
        }
        return EventData.Unstorable(e.Data) is { } why ? CloudProblems.Invalid($"{at}.data", $"{at}.data {why}") : null;
    }

    /// <summary>
    /// The store's keys, or null when there is no such store. For a client limited for failing to authenticate, only
    /// what this silo holds in memory: its signature is checked, but costs no lookup.
    /// </summary>
    internal static async ValueTask<StoreKeys?> KeysAsync(
        StoreRegistry registry, string storeId, HttpContext http, FailedAuthenticationLimit failures, CancellationToken cancellationToken)
    {
        if (!StoreIds.IsId(storeId))
        {
            return null;
        }
        return failures.Limited(http.Connection.RemoteIpAddress) is null
            ? await registry.KeysAsync(storeId, cancellationToken)
            : registry.KnownKeys(storeId);
    }

    /// <summary>
    /// For a signature that matched none of the keys held: the keys read again (a rotation through another silo), or
    /// null for a client limited for failing to authenticate (no lookup for it).
    /// </summary>
    internal static BatchReading.StoreKeyReload? Reload(StoreRegistry registry, string storeId, HttpContext http, FailedAuthenticationLimit failures) =>
        failures.Limited(http.Connection.RemoteIpAddress) is null
            ? (held, cancellationToken) => registry.ReloadAsync(storeId, held, cancellationToken)
            : null;

    /// <summary>401 with the cloud's time (429 while the client is limited), counted against the client.</summary>
    internal static IResult Unauthenticated(HttpContext http, FailedAuthenticationLimit failures, string refusal, DateTimeOffset now, bool bodyRead)
    {
        if (!bodyRead)
        {
            http.Response.Headers.Connection = "close"; // the body is not read: close rather than drain it
        }
        return failures.Refuse(http, CloudProblems.Of(401, "unauthorized", "A valid credential is required", refusal,
            new Dictionary<string, object?> { ["serverTime"] = now }));
    }
}
