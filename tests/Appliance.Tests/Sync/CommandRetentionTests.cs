using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pos.Appliance.Journal;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Sync;

/// <summary>Command ids are remembered for POS_COMMAND_RETENTION_DAYS (7 by default) on the store clock, then forgotten.</summary>
public sealed class CommandRetentionTests : IAsyncLifetime
{
    private ApplianceFactory _appliance = null!;
    private HttpClient _admin = null!;
    private HttpClient _till = null!;

    public async Task InitializeAsync()
    {
        _appliance = await ApplianceFactory.StartAsync();
        _admin = _appliance.NewClient();
        await _admin.PutMenuAsync();
        _till = _appliance.NewClient(await _admin.RegisterDeviceAsync("till-r"));
    }

    public async Task DisposeAsync()
    {
        _till.Dispose();
        _admin.Dispose();
        await _appliance.DisposeAsync();
    }

    private async Task<JsonElement> SendAsync(params object[] commands)
    {
        using var response = await _till.PostAsJsonAsync("/api/v1/sync/commands", new { deviceId = "till-r", commands });
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.GetRawText());
        return body;
    }

    private async Task<long> KeptAnswersAsync(string commandId)
    {
        await using var connection = new NpgsqlConnection(_appliance.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from idempotency where key = $1", connection);
        cmd.Parameters.AddWithValue($"cmd:till-r:{commandId}");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<long> HeadSeqAsync() =>
        (await _admin.GetJsonAsync("/api/v1/journal?after=0&limit=1")).GetProperty("headSeq").GetInt64();

    [Fact]
    public async Task WithinTheWindow_ARepeatGetsTheFirstOutcome_AfterIt_TheRecordIsGone()
    {
        var orderId = Guid.NewGuid();
        var lineId = Guid.NewGuid();
        var issuedAt = _appliance.Time.GetUtcNow();
        object Open() => new { commandId = "r-open", type = "open-order", orderId, issuedAt, payload = new { orderId, channel = "takeout" } };
        object Line() => new { commandId = "r-line", type = "add-line", orderId, issuedAt, payload = new { lineId, menuItemId = "fries", quantity = 2 } };
        object Close() => new { commandId = "r-close", type = "close", orderId, issuedAt, payload = new { } };

        var first = await SendAsync(Open(), Line(), Close());
        Assert.Equal(["applied", "applied", "conflict"], first.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(1, await KeptAnswersAsync("r-open"));
        Assert.Equal(1, await KeptAnswersAsync("r-close"));
        var head = await HeadSeqAsync();

        // Six days on, and a cleanup run: still within the window, so the repeat gets the first answers, word for word.
        var retention = _appliance.Services.GetRequiredService<AnswerRetention>();
        Assert.Equal(TimeSpan.FromDays(7), retention.Window);
        _appliance.Time.Advance(TimeSpan.FromDays(6));
        await retention.RunOnceAsync();
        var repeat = await SendAsync(Open(), Line(), Close());
        Assert.Equal(first.GetRawText(), repeat.GetRawText());
        Assert.Equal(head, await HeadSeqAsync());

        // Past seven days the cleanup forgets them (the hourly run may get there first as the clock jumps).
        _appliance.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await retention.RunOnceAsync();
        Assert.Equal(0, await KeptAnswersAsync("r-open"));
        Assert.Equal(0, await KeptAnswersAsync("r-line"));
        Assert.Equal(0, await KeptAnswersAsync("r-close"));

        // Sent now, the commands are decided afresh against the order: the open and the line are already so.
        var late = await SendAsync(Open(), Line());
        Assert.Equal(["duplicate", "duplicate"], late.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(head, await HeadSeqAsync());
    }
}
