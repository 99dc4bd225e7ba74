using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Pos.Cloud.Tests;

/// <summary>
/// A store's secret rotated by HQ: the new one signs at once, the previous one is still taken for its grace (so a
/// store keeps syncing until its operator sets the new one) and refused after it; a restart keeps both.
/// </summary>
public sealed class SecretRotationTests : IAsyncLifetime
{
    private readonly ShiftedTime _clock = new();
    private CloudFactory _cloud = null!;
    private HttpClient _hq = null!;

    public async Task InitializeAsync()
    {
        _cloud = await CloudFactory.StartAsync(WithClock);
        _hq = _cloud.NewClient();
    }

    public async Task DisposeAsync()
    {
        _hq.Dispose();
        await _cloud.DisposeAsync();
    }

    private void WithClock(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    [Fact]
    public async Task The_old_secret_is_taken_within_the_grace_and_refused_after_it_the_new_one_at_once_and_a_restart_keeps_both()
    {
        var store = await TestStore.RegisterAsync(_cloud, _hq, "downtown");
        var old = store.Secret;
        store.Append("menu", "MenuReplaced", "{}", null);

        var rotatedAt = _clock.GetUtcNow();
        var rotated = await RotateAsync("downtown", new { graceMinutes = 30 });
        var secret = Convert.FromBase64String(rotated.GetProperty("secret").GetString()!);
        Assert.Equal(32, secret.Length);
        Assert.False(secret.AsSpan().SequenceEqual(old));
        Assert.Equal("downtown", rotated.GetProperty("storeId").GetString());
        Assert.InRange(rotated.GetProperty("previousValidUntil").GetDateTimeOffset() - rotatedAt, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));

        // A batch in flight signed with the old secret is taken.
        await ExpectAsync(HttpStatusCode.OK, store.SendAsync(1, 1, 1, old, _clock.GetUtcNow()));

        // The cloud restarts (same database, same clock): the grace survives it, and the new secret signs.
        await _cloud.DisposeAsync();
        _hq.Dispose();
        _cloud = await CloudFactory.StartAsync(WithClock, _cloud.ConnectionString);
        _hq = _cloud.NewClient();
        store = store.On(_cloud);
        store.Append("menu", "MenuReplaced", "{}", null);
        await ExpectAsync(HttpStatusCode.OK, store.SendAsync(2, 2, 2, old, _clock.GetUtcNow()));
        store.Append("menu", "MenuReplaced", "{}", null);
        await ExpectAsync(HttpStatusCode.OK, store.SendAsync(3, 3, 3, secret, _clock.GetUtcNow()));

        // The grace ends: the old secret is refused (nothing stored), the new one is taken.
        _clock.Offset = TimeSpan.FromMinutes(31);
        store.Append("menu", "MenuReplaced", "{}", null);
        using (var refused = await store.SendAsync(4, 4, 4, old, _clock.GetUtcNow()))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("unauthorized", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        }
        using (var taken = await store.SendAsync(4, 4, 4, secret, _clock.GetUtcNow()))
        {
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
            Assert.Equal(4, JsonDocument.Parse(await taken.Content.ReadAsStringAsync()).RootElement.GetProperty("ackedSeq").GetInt64());
        }

        // Renaming the store afterwards shows no secret and changes none.
        using var renamed = await _hq.PutAsJsonAsync("/cloud/v1/stores/downtown", new { name = "Downtown", timeZone = "UTC" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await renamed.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").ValueKind);
        store.Append("menu", "MenuReplaced", "{}", null);
        await ExpectAsync(HttpStatusCode.OK, store.SendAsync(5, 5, 5, secret, _clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_second_rotation_within_the_grace_keeps_only_the_newest_previous_secret_and_a_grace_of_zero_refuses_at_once()
    {
        var store = await TestStore.RegisterAsync(_cloud, _hq, "uptown");
        var first = store.Secret;
        // No body: the default grace of an hour.
        using (var response = await _hq.PostAsync("/cloud/v1/stores/uptown/secret/rotate", null))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var until = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("previousValidUntil").GetDateTimeOffset();
            Assert.InRange(until - _clock.GetUtcNow(), TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        }
        var third = Convert.FromBase64String((await RotateAsync("uptown", new { graceMinutes = 60 })).GetProperty("secret").GetString()!);

        store.Append("menu", "MenuReplaced", "{}", null);
        await ExpectAsync(HttpStatusCode.Unauthorized, store.SendAsync(1, 1, 1, first, _clock.GetUtcNow()));
        await ExpectAsync(HttpStatusCode.OK, store.SendAsync(1, 1, 1, third, _clock.GetUtcNow()));

        // A secret that leaked: grace 0, the one in use is refused from now on.
        var fourth = Convert.FromBase64String((await RotateAsync("uptown", new { graceMinutes = 0 })).GetProperty("secret").GetString()!);
        store.Append("menu", "MenuReplaced", "{}", null);
        await ExpectAsync(HttpStatusCode.Unauthorized, store.SendAsync(2, 2, 2, third, _clock.GetUtcNow()));
        await ExpectAsync(HttpStatusCode.OK, store.SendAsync(2, 2, 2, fourth, _clock.GetUtcNow()));
    }

    [Fact]
    public async Task Rotation_is_refused_for_an_unknown_store_a_grace_out_of_range_and_without_the_hq_token()
    {
        await TestStore.RegisterAsync(_cloud, _hq, "midtown");
        await ExpectProblemAsync(HttpStatusCode.NotFound, "store-not-found", _hq.PostAsJsonAsync("/cloud/v1/stores/nowhere/secret/rotate", new { }));
        await ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed",
            _hq.PostAsJsonAsync("/cloud/v1/stores/midtown/secret/rotate", new { graceMinutes = -1 }));
        await ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed",
            _hq.PostAsJsonAsync("/cloud/v1/stores/midtown/secret/rotate", new { graceMinutes = 3 * 24 * 60 + 1 }));
        using var anonymous = _cloud.NewClient(token: null);
        await ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", anonymous.PostAsJsonAsync("/cloud/v1/stores/midtown/secret/rotate", new { }));
    }

    private async Task<JsonElement> RotateAsync(string storeId, object body)
    {
        using var response = await _hq.PostAsJsonAsync($"/cloud/v1/stores/{storeId}/secret/rotate", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task ExpectAsync(HttpStatusCode expected, Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task ExpectProblemAsync(HttpStatusCode expected, string code, Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {text}");
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }

    /// <summary>The system clock moved by <see cref="Offset"/> (timers still run on real time).</summary>
    private sealed class ShiftedTime : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }
}
