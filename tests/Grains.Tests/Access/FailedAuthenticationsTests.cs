using Microsoft.Extensions.Time.Testing;
using Pos.Grains.Access;

namespace Pos.Grains.Tests.Access;

public sealed class FailedAuthenticationsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.Zero));
    private readonly FailedAuthentications _failures;

    public FailedAuthenticationsTests() => _failures = new FailedAuthentications(_time, new FailedAuthenticationLimits());

    [Fact]
    public void TheTwentiethFailureWithinTenSeconds_StartsTheCoolDown_AndSaysSoOnce()
    {
        for (var i = 1; i < 20; i++)
        {
            Assert.Null(_failures.Failed("10.0.0.7"));
            Assert.Null(_failures.RetryAfter("10.0.0.7"));
            _time.Advance(TimeSpan.FromMilliseconds(400));
        }

        Assert.Equal(20, _failures.Failed("10.0.0.7"));
        Assert.Equal(TimeSpan.FromMinutes(1), _failures.RetryAfter("10.0.0.7"));
        // Failures that were already past the check when the limit began say nothing more.
        Assert.Null(_failures.Failed("10.0.0.7"));
        Assert.Null(_failures.RetryAfter("10.0.0.8"));
    }

    [Fact]
    public void TheCoolDownEnds_WithACleanSlate()
    {
        Fail("10.0.0.7", 20);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(TimeSpan.FromSeconds(1), _failures.RetryAfter("10.0.0.7"));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_failures.RetryAfter("10.0.0.7"));
        Fail("10.0.0.7", 19);
        Assert.Null(_failures.RetryAfter("10.0.0.7"));
        Assert.Equal(20, _failures.Failed("10.0.0.7"));
    }

    [Fact]
    public void FailuresSpreadBeyondTheWindow_NeverStartTheCoolDown()
    {
        for (var burst = 0; burst < 5; burst++)
        {
            Fail("10.0.0.7", 19);
            _time.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.Null(_failures.RetryAfter("10.0.0.7"));
    }

    [Fact]
    public void MemoryIsBounded_ByForgettingWhatNoLongerCounts_ThenWhatIsNotCoolingDown()
    {
        var failures = new FailedAuthentications(_time, new FailedAuthenticationLimits { MaxAddresses = 100 });
        Fail(failures, "10.0.0.1", 20); // cooling down
        for (var i = 0; i < 98; i++)
        {
            Fail(failures, $"10.1.0.{i}", 1);
        }
        _time.Advance(TimeSpan.FromSeconds(11)); // those 98 windows are over
        Fail(failures, "10.0.0.3", 5);
        Assert.Equal(100, failures.Tracked);

        // A new address makes room by forgetting the 98 finished windows only.
        Fail(failures, "10.0.0.4", 1);
        Assert.Equal(3, failures.Tracked);
        Assert.Equal(20, Fail(failures, "10.0.0.3", 15)); // its five failures were kept
        Assert.NotNull(failures.RetryAfter("10.0.0.1"));

        // A flood of new addresses within one window: the ones not cooling down are forgotten, never the limited ones.
        for (var i = 0; i < 1_000; i++)
        {
            Fail(failures, $"10.2.{i / 256}.{i % 256}", 1);
            Assert.True(failures.Tracked <= 100, $"{failures.Tracked} addresses remembered");
        }
        Assert.NotNull(failures.RetryAfter("10.0.0.1"));
        Assert.NotNull(failures.RetryAfter("10.0.0.3"));
    }

    private void Fail(string address, int times) => Fail(_failures, address, times);

    /// <summary>Fails <paramref name="times"/> times; the count the last failure reported, or 0.</summary>
    private static int Fail(FailedAuthentications failures, string address, int times)
    {
        var reported = 0;
        for (var i = 0; i < times; i++)
        {
            reported = failures.Failed(address) ?? 0;
        }
        return reported;
    }
}
