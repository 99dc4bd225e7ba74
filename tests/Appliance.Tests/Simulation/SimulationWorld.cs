using System.Text.Json;
using Pos.Client.Outbox;
using Pos.Contracts.Journal;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>A command as a route call (path and body) and as an entry of an offline batch (type, order, payload).</summary>
internal sealed record SimulatedCommand(string Path, object Body, string? Key, string Type, Guid OrderId, object Payload)
{
    /// <summary>Carries poison: it must be refused (400, or rejected in a batch) and never reach the journal.</summary>
    public bool Poisoned { get; init; }

    /// <summary>The problem code its refusal must have, when the poison has one of its own (card-data-refused).</summary>
    public string? RefusedAs { get; init; }
}

/// <summary>
/// A device revoked mid-seed: the ids its kept commands carried (never in the journal), and what its event stream gave
/// (from after <paramref name="StreamAfter"/>) before the revocation ended it.
/// </summary>
internal sealed record RevokedDevice(string DeviceId, IReadOnlyList<Guid> KeptIds, long StreamAfter, IReadOnlyList<JournalEventResponse> StreamRead);

internal enum Delivery
{
    Plain,
    Twice,
    LostThenRetried,
}

/// <summary>One seed's orders, its random choices, what was acknowledged, and a log of what happened.</summary>
internal sealed class SimulationWorld(int seed, int orders)
{
    private readonly List<(Guid OrderId, string Kind, Guid Id)> _acked = [];

    public Random Random { get; } = new(seed);
    public List<Guid> Orders { get; } = [.. Enumerable.Range(0, orders).Select(_ => Guid.NewGuid())];
    public List<Guid> Sent { get; } = [];
    public List<string> Log { get; } = [];

    /// <summary>Ids come from the seed too, so a replay sends the same commands.</summary>
    public Guid NewId()
    {
        var bytes = new byte[16];
        Random.NextBytes(bytes);
        var id = new Guid(bytes);
        Sent.Add(id);
        return id;
    }

    public List<Guid> PoisonedIds { get; } = [];

    /// <summary>The new orders split from the seed's orders were asked for under (some never landed): the seed's order families.</summary>
    public List<Guid> Children { get; } = [];

    public Guid NewChild()
    {
        var id = NewId();
        Children.Add(id);
        return id;
    }

    /// <summary>An id for a command that carries poison: it never appears in the journal.</summary>
    public Guid NewPoisonedId()
    {
        var id = NewId();
        PoisonedIds.Add(id);
        return id;
    }

    /// <summary>The devices paired during this seed (replacing a revoked one): a <c>DevicePaired</c> each, once.</summary>
    public List<string> Paired { get; } = [];

    /// <summary>The devices revoked during this seed, with the seq their stream had read up to when it ended.</summary>
    public List<RevokedDevice> Revoked { get; } = [];

    public IEnumerable<Guid> AckedIds(Guid orderId, string kind) =>
        _acked.Where(a => a.OrderId == orderId && a.Kind == kind).Select(a => a.Id);

    /// <summary>Lines refused because their item was sold out or short (the 86): nowhere in the journal.</summary>
    public List<Guid> RefusedAsSoldOut { get; } = [];

    /// <summary>Card-like numbers sent in free text this seed: refused, so nowhere in the journal.</summary>
    public List<string> Cards { get; } = [];

    public Task SendAsync(SimulatedDevice device, SimulatedCommand command, Delivery delivery) =>
        SendAsync(device, HttpMethod.Post, command.Path, command.Body, delivery, command.Key, command.Poisoned, command.RefusedAs);

    public async Task SendAsync(
        SimulatedDevice device, HttpMethod method, string path, object body, Delivery delivery, string? key, bool poisoned = false, string? refusedAs = null)
    {
        var json = JsonSerializer.Serialize(body, PosClient.Json);
        if (delivery == Delivery.LostThenRetried)
        {
            // The appliance commits; the device never hears back, and sends the very same request again.
            try
            {
                using var lost = await SendOnceAsync(device.Lossy, method, path, json, key);
                Log.Add($"{device.Id} {path}: the answer was expected to be lost, got {(int)lost.StatusCode}");
            }
            catch (HttpRequestException)
            {
                Log.Add($"{device.Id} {path}: answer lost, retrying");
            }
        }
        using var response = await SendOnceAsync(device.Direct, method, path, json, key);
        var status = (int)response.StatusCode;
        Log.Add($"{device.Id} {method} {path} {json} key={key ?? "-"} {delivery} -> {status}");
        Assert.True(status < 500, $"{path} answered {status}: {await response.Content.ReadAsStringAsync()}");
        if (poisoned)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == 400, $"a poisoned {path} answered {status}: {text}");
            Assert.True(refusedAs is null || text.Contains($"\"code\":\"{refusedAs}\"", StringComparison.Ordinal), $"a poisoned {path} was not {refusedAs}: {text}");
        }
        if (delivery == Delivery.Twice)
        {
            using var again = await SendOnceAsync(device.Direct, method, path, json, key);
            Log.Add($"  sent again -> {(int)again.StatusCode}");
            if (response.IsSuccessStatusCode)
            {
                // A repeat of a command that took effect is answered as such, never refused or doubled.
                Assert.True(again.IsSuccessStatusCode, $"the repeat of {path} answered {(int)again.StatusCode}: {await again.Content.ReadAsStringAsync()}");
            }
        }
        if (response.IsSuccessStatusCode)
        {
            Acknowledge(path, body);
        }
        else if (status == 409)
        {
            SimulatedMenu.NoteRefusal(this, path, body, CodeOf(await response.Content.ReadAsStringAsync()));
        }
    }

    private static string? CodeOf(string problem) =>
        JsonDocument.Parse(problem).RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("code", out var code) ? code.GetString() : null;

    /// <summary>
    /// The device's queue through the client library's outbox (POST /api/v1/sync/commands): each command kept with its
    /// id, then sent in order; sometimes the first answer is lost and the outbox sends the same commands again; each
    /// command's outcome is checked and counted.
    /// </summary>
    public async Task SendBatchAsync(SimulatedDevice device, IReadOnlyList<SimulatedCommand> commands, bool twice, bool answerLost)
    {
        var queued = new List<QueuedCommand>();
        foreach (var c in commands)
        {
            queued.Add(await device.Outbox.EnqueueAsync(c.Type, c.OrderId, JsonSerializer.SerializeToElement(c.Payload, PosClient.Json)));
        }
        var settled = new List<SettledCommand>();
        void Keep(SettledCommand s) => settled.Add(s);
        device.Outbox.Settled += Keep;
        try
        {
            if (answerLost)
            {
                device.Transport.LoseAnswers = true;
                var lost = await device.Outbox.FlushAsync();
                device.Transport.LoseAnswers = false;
                // The appliance applied the batch; the device heard nothing and keeps every command for the next send.
                Assert.IsType<BatchAttempt.Unreachable>(lost);
                Assert.Equal(commands.Count, device.Outbox.Waiting);
                Log.Add($"{device.Id} batch of {commands.Count}: answer lost ({lost?.GetType().Name}), {device.Outbox.Waiting} waiting");
            }
            var attempt = await device.Outbox.FlushAsync();
            Log.Add($"{device.Id} batch of {commands.Count} -> {attempt?.GetType().Name}");
            Assert.True(attempt is BatchAttempt.Answered, $"the batch was not answered: {attempt}");
        }
        finally
        {
            device.Outbox.Settled -= Keep;
        }
        Assert.Equal(0, device.Outbox.Waiting);
        // Each command answered once, in the order queued, under the id it was kept with.
        Assert.Equal(queued.Select(q => q.CommandId), settled.Select(s => s.Command.CommandId));
        foreach (var (command, result) in commands.Zip(settled))
        {
            Log.Add($"  {result.Command.Type} {result.Command.CommandId} -> {result.Outcome}");
            Assert.Contains(result.Outcome, new[] { "applied", "merged", "duplicate", "conflict", "rejected" });
            if (command.Poisoned)
            {
                // Rejected alone, with the 400 the single route gives; the commands around it run.
                Assert.Equal("rejected", result.Outcome);
                Assert.Equal(400, result.Problem!.Value.GetProperty("status").GetInt32());
                Assert.True(command.RefusedAs is null || result.Problem!.Value.GetProperty("code").GetString() == command.RefusedAs, $"{result.Problem}");
            }
            if (result.Landed)
            {
                Acknowledge(command.Path, command.Body);
            }
            SimulatedMenu.NoteRefusal(this, command.Path, command.Body, result.Problem?.GetProperty("code").GetString());
        }
        if (twice)
        {
            // The same commands again (the device never heard back): nothing changes, each answered as the first time.
            var again = await device.Transport.Direct.SendAsync(queued, CancellationToken.None);
            Log.Add($"  batch sent again -> {again.GetType().Name}");
            var answers = Assert.IsType<BatchAttempt.Answered>(again).Answers;
            // Byte for byte: the order and the problem of each answer as the first time.
            Assert.Equal(
                settled.Select(s => (s.Command.CommandId, s.Outcome, s.Version, s.Order?.GetRawText(), s.Problem?.GetRawText())),
                answers.Select(a => (a.CommandId, a.Outcome, a.Version, a.Order?.GetRawText(), a.Problem?.GetRawText())));
        }
    }

    /// <summary>
    /// A command of the device that follows live updates: queued in its outbox, sent by its pump, awaited until settled;
    /// its outcome checked and counted like a batch's.
    /// </summary>
    public async Task SendAsync(FollowingDevice device, SimulatedCommand command)
    {
        var result = await device.SendAsync(command);
        Log.Add($"{device.Id} outbox {command.Type} {command.Path} {result.Command.CommandId} -> {result.Outcome}");
        Assert.Contains(result.Outcome, new[] { "applied", "merged", "duplicate", "conflict", "rejected" });
        if (command.Poisoned)
        {
            Assert.Equal("rejected", result.Outcome);
            Assert.Equal(400, result.Problem!.Value.GetProperty("status").GetInt32());
            Assert.True(command.RefusedAs is null || result.Problem!.Value.GetProperty("code").GetString() == command.RefusedAs, $"{result.Problem}");
        }
        if (result.Landed)
        {
            Acknowledge(command.Path, command.Body);
        }
        SimulatedMenu.NoteRefusal(this, command.Path, command.Body, result.Problem?.GetProperty("code").GetString());
    }

    /// <summary>Counts a command the appliance acknowledged (lines and payments are looked for in the journal).</summary>
    public void Acknowledge(string path, object body)
    {
        var parts = path.Split('/');
        if (parts.Length < 6 || !path.StartsWith("/api/v1/orders/", StringComparison.Ordinal))
        {
            return; // opening an order: nothing to count beyond the order itself
        }
        var doc = JsonSerializer.SerializeToElement(body, PosClient.Json);
        var orderId = Guid.Parse(parts[4]);
        if (path.EndsWith("/lines", StringComparison.Ordinal))
        {
            _acked.Add((orderId, "lines", doc.GetProperty("lineId").GetGuid()));
        }
        else if (path.EndsWith("/payments", StringComparison.Ordinal))
        {
            _acked.Add((orderId, "payments", doc.GetProperty("paymentId").GetGuid()));
        }
        else if (path.EndsWith("/discounts", StringComparison.Ordinal))
        {
            _acked.Add((orderId, "discounts", doc.GetProperty("discountId").GetGuid()));
        }
        else if (path.EndsWith("/refunds", StringComparison.Ordinal))
        {
            _acked.Add((orderId, "refunds", doc.GetProperty("refundId").GetGuid()));
        }
    }

    /// <summary>
    /// Sends the request once, as a device would; answered 409 idempotency-key-in-flight (the same key's first request,
    /// whose answer was lost, is still being decided), sends it again in a moment, as the problem says, until it is not.
    /// </summary>
    internal static async Task<HttpResponseMessage> SendOnceAsync(HttpClient client, HttpMethod method, string path, string json, string? key)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }
            var response = await client.SendAsync(request);
            if (response.StatusCode != System.Net.HttpStatusCode.Conflict || DateTimeOffset.UtcNow > deadline
                || CodeOf(await response.Content.ReadAsStringAsync()) != "idempotency-key-in-flight")
            {
                return response;
            }
            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}

