using System.Text.Json;
using Pos.Client.Http;
using Pos.Client.Outbox;
using Pos.Client.Staff;
using Pos.Client.Storage;
using Pos.Client.Tests.Outbox;
using Pos.Tests.Shared;

namespace Pos.Client.Tests.Staff;

/// <summary>
/// Who a queued command is from, and what it is sent with: the session of the person who queued it while it lives
/// (even after they signed out here), else the device's own token; nothing is lost when a session ends.
/// </summary>
public sealed class StaffIdentityTests
{
    private static readonly Guid Order = Guid.Parse("0b7d5d0e-93a8-4c25-8d1e-2b1d4c3f0a02");
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddHours(12);

    private static StaffSignIn Person(string id, string token) => new(id, id.ToUpperInvariant(), "server", token, Later);

    private static JsonElement Line() => JsonSerializer.SerializeToElement(new { lineId = Guid.NewGuid(), menuItemId = "burger", quantity = 1 });

    [Fact]
    public async Task A_batch_holds_one_person_s_commands_in_a_row_so_each_goes_with_its_own_identity()
    {
        var transport = new RecordingTransport();
        var outbox = new CommandOutbox(new MemoryClientStore(), transport);
        await outbox.LoadAsync();
        await outbox.EnqueueAsync("add-line", Order, Line());
        await outbox.EnqueueAsync("add-line", Order, Line(), employeeId: "ana");
        await outbox.EnqueueAsync("add-line", Order, Line(), employeeId: "ana");
        await outbox.EnqueueAsync("fire", Order, null, employeeId: "bob");

        await outbox.FlushAsync();

        Assert.Equal([1, 2, 1], transport.BatchSizes);
        Assert.Equal([null, "ana", "ana", "bob"], transport.Sent.Select(c => c.EmployeeId));
    }

    [Fact]
    public async Task A_person_s_commands_go_with_their_session_and_the_device_s_alone_with_the_device_token()
    {
        var appliance = new FakeAppliance();
        appliance.Admit("pos_staff_ana");
        var store = new MemoryClientStore();
        var staff = new StaffSessions(store);
        await staff.SignedInAsync(Person("ana", "pos_staff_ana"));
        using var http = Client(appliance);
        var transport = new HttpCommandTransport(http, "phone-1", staff);
        var theirs = new QueuedCommand("c1", "fire", Order, null, DateTimeOffset.UtcNow, null, "ana");
        var device = new QueuedCommand("c2", "fire", Order, null, DateTimeOffset.UtcNow, null);

        Assert.IsType<BatchAttempt.Answered>(await transport.SendAsync([theirs], CancellationToken.None));
        Assert.IsType<BatchAttempt.Answered>(await transport.SendAsync([device], CancellationToken.None));

        Assert.Equal(["pos_staff_ana", FakeAppliance.DeviceToken], appliance.Requests.Select(r => r.Bearer));
    }

    [Fact]
    public async Task A_session_the_appliance_ended_is_forgotten_the_screens_are_told_and_the_commands_go_as_the_device_s()
    {
        var appliance = new FakeAppliance(); // never admitted: the session expired on the appliance
        var staff = new StaffSessions(new MemoryClientStore());
        await staff.SignedInAsync(Person("ana", "pos_staff_ana"));
        var ended = new List<StaffSignIn>();
        staff.Ended += ended.Add;
        using var http = Client(appliance);
        var transport = new HttpCommandTransport(http, "phone-1", staff);

        var attempt = await transport.SendAsync([new QueuedCommand("c1", "fire", Order, null, DateTimeOffset.UtcNow, null, "ana")], CancellationToken.None);

        Assert.IsType<BatchAttempt.Answered>(attempt);
        Assert.Equal(["pos_staff_ana", FakeAppliance.DeviceToken], appliance.Requests.Select(r => r.Bearer));
        Assert.Null(staff.Current);
        Assert.Equal("ana", Assert.Single(ended).EmployeeId);
    }

    [Fact]
    public async Task Only_the_device_s_own_refusal_means_the_device_is_revoked()
    {
        var appliance = new FakeAppliance();
        var staff = new StaffSessions(new MemoryClientStore());
        using var http = new HttpClient(appliance) { BaseAddress = new Uri("http://appliance.test/") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "pos_device_revoked");
        var transport = new HttpCommandTransport(http, "phone-1", staff);

        var attempt = await transport.SendAsync([new QueuedCommand("c1", "fire", Order, null, DateTimeOffset.UtcNow, null)], CancellationToken.None);

        Assert.IsType<BatchAttempt.Unauthorized>(attempt);
    }

    [Fact]
    public async Task Who_is_signed_in_outlives_a_reload_and_a_sign_out_keeps_the_session_for_what_waits()
    {
        var store = new MemoryClientStore();
        var staff = new StaffSessions(store);
        await staff.SignedInAsync(Person("ana", "pos_staff_ana"));
        await staff.SignedInAsync(Person("bob", "pos_staff_bob"));

        var reloaded = new StaffSessions(store);
        await reloaded.LoadAsync();
        Assert.Equal("bob", reloaded.Current?.EmployeeId);
        Assert.Equal("pos_staff_ana", reloaded.TokenFor("ana"));

        await reloaded.SignOutAsync();
        Assert.Null(reloaded.Current);
        Assert.Equal("pos_staff_bob", reloaded.TokenFor("bob"));
        Assert.Equal(["ana", "bob"], reloaded.Leaving.Select(s => s.EmployeeId));
    }

    [Fact]
    public async Task A_session_past_its_end_by_the_device_s_clock_ends_here_too()
    {
        var staff = new StaffSessions(new MemoryClientStore());
        await staff.SignedInAsync(Person("ana", "pos_staff_ana") with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) });
        var ended = 0;
        staff.Ended += _ => ended++;

        await staff.ExpireAsync();

        Assert.Null(staff.Current);
        Assert.Equal(1, ended);
    }

    [Fact]
    public async Task Signing_out_with_changes_waiting_ends_the_session_only_once_they_were_sent_as_the_person_s()
    {
        var appliance = new FakeAppliance();
        appliance.Admit("pos_staff_ana");
        var store = new MemoryClientStore();
        var sessions = new StaffSessions(store);
        await sessions.SignedInAsync(Person("ana", "pos_staff_ana"));
        // Queued while the appliance was away: in the store before the device opens.
        await store.AppendAsync([new QueuedCommand("c1", "fire", Order, null, DateTimeOffset.UtcNow, null, "ana")]);
        var away = new AwayFirst(appliance);
        using var http = new HttpClient(away) { BaseAddress = new Uri("http://appliance.test/") };
        await using var device = await StoreDevice.OpenAsync(http, "phone-1", FakeAppliance.DeviceToken, store,
            new OutboxPumpOptions { FirstRetry = TimeSpan.FromMilliseconds(20), LongestRetry = TimeSpan.FromMilliseconds(50) });

        await device.SignOutAsync();
        Assert.Null(device.Staff.Current);
        Assert.DoesNotContain(appliance.Requests, r => r.Method == "DELETE");

        away.Back = true;
        device.Pump.Nudge();
        await Poll.UntilAsync(() => Task.FromResult(appliance.Requests), rs => rs.Any(r => r.Method == "DELETE"), TimeSpan.FromSeconds(10), "the sign-out");

        var requests = appliance.Requests;
        var batch = requests.Single(r => r.Commands.Contains("c1"));
        Assert.Equal("pos_staff_ana", batch.Bearer);
        var signOut = requests.Single(r => r.Method == "DELETE");
        Assert.Equal("pos_staff_ana", signOut.Bearer);
        Assert.True(requests.ToList().IndexOf(batch) < requests.ToList().IndexOf(signOut));
        await Poll.UntilAsync(() => Task.FromResult(device.Staff.Leaving.Count), n => n == 0, TimeSpan.FromSeconds(10), "the session forgotten");
    }

    private static HttpClient Client(FakeAppliance appliance)
    {
        var http = new HttpClient(appliance) { BaseAddress = new Uri("http://appliance.test/") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", FakeAppliance.DeviceToken);
        return http;
    }

    /// <summary>The appliance out of reach until <see cref="Back"/>.</summary>
    private sealed class AwayFirst(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public volatile bool Back;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Back ? base.SendAsync(request, cancellationToken) : throw new HttpRequestException("connection refused");
    }
}
