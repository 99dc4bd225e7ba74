using System.Net.Http.Json;
using System.Text.Json;
using Pos.Contracts.Cash;
using Pos.Contracts.Journal;
using Pos.Contracts.Orders;
using Pos.Contracts.Reports;
using Pos.Contracts.Staff;
using Pos.Contracts.Sync;

namespace Pos.Cloud.Tests;

/// <summary>
/// A restaurant as the cloud sees it in tests: registered through HQ, keeping a journal of its own (gapless seq,
/// per-stream versions, order events as the appliance journals them) and sending signed batches of it.
/// </summary>
public sealed class TestStore
{
    private readonly CloudFactory _cloud;
    private readonly List<JournalEntry> _journal = [];
    private readonly Dictionary<string, int> _streamVersions = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, int> _orderNumbers = [];

    private TestStore(CloudFactory cloud, string storeId, byte[] secret)
    {
        _cloud = cloud;
        StoreId = storeId;
        Secret = secret;
    }

    /// <summary>The same store (its journal and secret) sending to another silo, or to the cloud restarted.</summary>
    public TestStore On(CloudFactory cloud)
    {
        var moved = new TestStore(cloud, StoreId, Secret);
        moved._journal.AddRange(_journal);
        foreach (var (stream, version) in _streamVersions)
        {
            moved._streamVersions[stream] = version;
        }
        return moved;
    }

    public string StoreId { get; }
    public byte[] Secret { get; }
    public IReadOnlyList<JournalEntry> Journal => _journal;
    public long HeadSeq => _journal.Count;

    public static async Task<TestStore> RegisterAsync(CloudFactory cloud, HttpClient hq, string storeId, string? name = null, string timeZone = "UTC")
    {
        using var response = await hq.PutAsJsonAsync($"/cloud/v1/stores/{storeId}", new { name = name ?? storeId, timeZone });
        response.EnsureSuccessStatusCode();
        var secret = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;
        return new TestStore(cloud, storeId, Convert.FromBase64String(secret));
    }

    public JournalEntry Append(string streamId, string type, string data, DateOnly? businessDate, string? employeeId = null)
    {
        var version = _streamVersions.GetValueOrDefault(streamId) + 1;
        _streamVersions[streamId] = version;
        var entry = new JournalEntry(_journal.Count + 1, Guid.CreateVersion7(), streamId, version, type, DateTimeOffset.UtcNow, "till-1", businessDate, data)
        {
            EmployeeId = employeeId,
        };
        _journal.Add(entry);
        return entry;
    }

    private void AppendOrder(Guid orderId, OrderEvent e, DateOnly businessDate, string? employeeId = null)
    {
        var made = OrderEvents.ToNew(e);
        Append(OrderEvents.StreamOf(orderId), made.Type, made.Data, businessDate, employeeId);
    }

    private DateOnly DateOf(Guid orderId) => _journal.First(e => e.StreamId == OrderEvents.StreamOf(orderId)).BusinessDate!.Value;

    public Guid Open(DateOnly businessDate, string currency = "USD", string? employeeId = null)
    {
        var orderId = Guid.NewGuid();
        _orderNumbers[orderId] = _orderNumbers.Count + 1;
        AppendOrder(orderId, new OrderOpened(orderId, _orderNumbers[orderId], Channel.DineIn, "4", 2, businessDate, DateTimeOffset.UtcNow, currency), businessDate, employeeId);
        return orderId;
    }

    public Guid Line(Guid orderId, string menuItemId, string name, int quantity, long unitPriceMinor, int taxRateBp)
    {
        var lineId = Guid.NewGuid();
        AppendOrder(orderId, new LineAdded(lineId, menuItemId, name, quantity, unitPriceMinor, taxRateBp, "kitchen", null, []), DateOf(orderId));
        return lineId;
    }

    public void Fire(Guid orderId, params Guid[] lineIds) =>
        AppendOrder(orderId, new OrderFired(lineIds, DateTimeOffset.UtcNow), DateOf(orderId));

    public void Void(Guid orderId, Guid lineId) =>
        AppendOrder(orderId, new LineVoided(lineId, "guest changed their mind", WasFired: false), DateOf(orderId));

    public void Pay(Guid orderId, Tender tender, long amountMinor, long tipMinor = 0, long changeMinor = 0, string? employeeId = null) =>
        AppendOrder(orderId, new PaymentAdded(Guid.NewGuid(), tender, amountMinor, tipMinor, changeMinor, null) { EmployeeId = employeeId }, DateOf(orderId), employeeId);

    /// <summary>A person clocks in (their shift's id) or out, as the appliance journals it on their stream.</summary>
    public Guid ClockIn(DateOnly businessDate, string employeeId, string name, DateTimeOffset at)
    {
        var e = StaffEvents.ToNew(new ClockedIn(employeeId, name, Guid.NewGuid(), at));
        Append(StaffEvents.EmployeeStreamOf(employeeId), e.Type, e.Data, businessDate, employeeId);
        return JsonSerializer.Deserialize<ClockedIn>(e.Data, EventJson.Options)!.ShiftId;
    }

    public void ClockOut(DateOnly businessDate, string employeeId, string name, Guid shiftId, DateTimeOffset inAt, DateTimeOffset outAt)
    {
        var e = StaffEvents.ToNew(new ClockedOut(employeeId, name, shiftId, inAt, outAt));
        Append(StaffEvents.EmployeeStreamOf(employeeId), e.Type, e.Data, businessDate, employeeId);
    }

    /// <summary>A cash payment into a drawer session, as the appliance journals it with the session's DrawerCashTaken (which counts for no date).</summary>
    public void PayIntoDrawer(Guid orderId, Guid sessionId, long amountMinor, long changeMinor, long tipMinor, string employeeId)
    {
        var paid = new PaymentAdded(Guid.NewGuid(), Tender.Cash, amountMinor, tipMinor, changeMinor, null) { EmployeeId = employeeId, DrawerSessionId = sessionId };
        AppendOrder(orderId, paid, DateOf(orderId), employeeId);
        Cash(CashEvents.SessionStreamOf(sessionId), new DrawerCashTaken(sessionId, orderId, paid.PaymentId, amountMinor - changeMinor, tipMinor), null, employeeId);
    }

    /// <summary>A cash event on its stream, as the appliance journals it.</summary>
    public void Cash(string streamId, CashEvent e, DateOnly? businessDate, string? employeeId)
    {
        var made = CashEvents.ToNew(e);
        Append(streamId, made.Type, made.Data, businessDate, employeeId);
    }

    /// <summary>Closes the order at 20:00 (UTC) of its business date, so the reports' hours do not depend on when the test runs.</summary>
    public void Close(Guid orderId) =>
        AppendOrder(orderId, new OrderClosed(new DateTimeOffset(DateOf(orderId).ToDateTime(new TimeOnly(20, 0)), TimeSpan.Zero)), DateOf(orderId));

    /// <summary>Appends the store's seal of a date; by default the true count and last seq of the date's events.</summary>
    public JournalEntry Seal(DateOnly businessDate, long? eventCount = null, long? lastSeq = null)
    {
        var ofDate = _journal.Where(e => e.BusinessDate == businessDate).ToList();
        var seal = new BusinessDaySealed(businessDate, eventCount ?? ofDate.Count, lastSeq ?? (ofDate.Count == 0 ? 0 : ofDate[^1].Seq));
        return Append(BusinessDaySealed.StreamId, BusinessDaySealed.Type, EventJson.Serialize(seal), null);
    }

    /// <summary>The events of a date in seq order, as the appliance's report reads them.</summary>
    public IReadOnlyList<JournalEntry> EventsOf(DateOnly businessDate) => [.. _journal.Where(e => e.BusinessDate == businessDate)];

    /// <summary>
    /// Sends journal events <paramref name="from"/>..<paramref name="to"/> (inclusive), signed (at <paramref name="at"/>,
    /// now by default), with the head seq.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(long from, long to, long? headSeq = null, byte[]? secret = null, DateTimeOffset? at = null)
    {
        var body = JournalBatch.Write(_journal.Where(e => e.Seq >= from && e.Seq <= to), headSeq);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/cloud/v1/stores/{StoreId}/journal") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(BatchSignature.Header, BatchSignature.Sign(secret ?? Secret, at ?? DateTimeOffset.UtcNow, body));
        using var client = _cloud.NewClient(token: null);
        return await client.SendAsync(request);
    }

    /// <summary>
    /// Sends the journal from seq 1 through <paramref name="through"/> (default: all of it) with the current head, and
    /// expects it acknowledged; what the cloud already holds is skipped there.
    /// </summary>
    public async Task<long> SyncAsync(long? through = null)
    {
        using var response = await SendAsync(1, through ?? HeadSeq, HeadSeq);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("ackedSeq").GetInt64();
    }
}
