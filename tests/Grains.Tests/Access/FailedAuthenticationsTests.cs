using System.Net;
using Microsoft.Extensions.Time.Testing;
using Pos.Hosting.Access;

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
            Assert.Null(_failures.Failed(Ip("10.0.0.7")));
            Assert.Null(_failures.RetryAfter(Ip("10.0.0.7")));
            _time.Advance(TimeSpan.FromMilliseconds(400));
        }

        Assert.Equal(20, _failures.Failed(Ip("10.0.0.7")));
        Assert.Equal(TimeSpan.FromMinutes(1), _failures.RetryAfter(Ip("10.0.0.7")));
        Assert.Equal(new TooManyFailures(60), _failures.Limited(Ip("10.0.0.7")));
        // Failures while limited say nothing more.
        Assert.Null(_failures.Failed(Ip("10.0.0.7")));
        Assert.Null(_failures.RetryAfter(Ip("10.0.0.8")));
        Assert.Null(_failures.Limited(Ip("10.0.0.8")));
    }

    [Fact]
    public void TheCoolDownEnds_WithACleanSlate()
    {
        Fail("10.0.0.7", 20);
        _time.Advance(TimeSpan.FromSeconds(59.2));
        Assert.Equal(new TooManyFailures(1), _failures.Limited(Ip("10.0.0.7")));

        _time.Advance(TimeSpan.FromSeconds(0.8));
        Assert.Null(_failures.RetryAfter(Ip("10.0.0.7")));
        Fail("10.0.0.7", 19);
        Assert.Null(_failures.RetryAfter(Ip("10.0.0.7")));
        Assert.Equal(20, _failures.Failed(Ip("10.0.0.7")));
    }

    [Fact]
    public void FailuresSpreadBeyondTheWindow_NeverStartTheCoolDown()
    {
        for (var burst = 0; burst < 5; burst++)
        {
            Fail("10.0.0.7", 19);
            _time.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.Null(_failures.RetryAfter(Ip("10.0.0.7")));
    }

    [Fact]
    public void AnIpv6Client_CountsByItsSlash64_SoAHostCannotDodgeTheLimitByChangingItsInterfaceId()
    {
        for (var i = 0; i < 19; i++)
        {
            Assert.Null(_failures.Failed(Ip($"2001:db8:1:2::{i + 1:x}")));
        }
        Assert.Equal(20, _failures.Failed(Ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));

        Assert.NotNull(_failures.RetryAfter(Ip("2001:db8:1:2:ffff:ffff:ffff:ffff")));
        Assert.Null(_failures.RetryAfter(Ip("2001:db8:1:3::1"))); // the next /64 is another client
        Assert.Equal("2001:db8:1:2::/64", FailedAuthentications.ClientOf(Ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
    }

    [Fact]
    public void AnIpv4AddressMappedIntoIpv6_CountsAsItsIpv4Address()
    {
        Fail("::ffff:10.0.0.7", 10);
        Assert.Equal(20, Fail("10.0.0.7", 10));

        Assert.NotNull(_failures.RetryAfter(Ip("::ffff:10.0.0.7")));
        Assert.Equal("10.0.0.7", FailedAuthentications.ClientOf(Ip("::ffff:10.0.0.7")));
        Assert.Equal("unknown", FailedAuthentications.ClientOf(null));
    }

    [Fact]
    public void WhenTheTableIsFull_TheClientThatFailedLeastRecentlyIsForgotten_OneForEachNewClient()
    {
        var failures = new FailedAuthentications(_time, new FailedAuthenticationLimits { MaxAddresses = 100 });
        Fail(failures, "10.0.0.1", 20); // limited
        Fail(failures, "10.0.0.2", 15); // counting
        for (var i = 0; i < 98; i++)
        {
            Fail(failures, $"10.1.0.{i}", 1);
        }
        Assert.Equal(100, failures.Tracked);

        // A new client takes the place of the one that failed least recently, and of that one only.
        Fail(failures, "10.0.0.3", 1);
        Assert.Equal(100, failures.Tracked);
        Assert.Null(failures.RetryAfter(Ip("10.0.0.1")));
        Assert.Equal(20, Fail(failures, "10.0.0.2", 5)); // its fifteen failures were kept
    }

    [Fact]
    public void AFloodOfNewClients_NeverForgetsEveryoneAtOnce_AndClientsThatKeepFailingAreKept()
    {
        var failures = new FailedAuthentications(_time, new FailedAuthenticationLimits { MaxAddresses = 100 });
        Fail(failures, "10.0.0.1", 20); // limited, and keeps guessing
        _time.Advance(TimeSpan.FromSeconds(1)); // the whole flood comes within 10.0.0.2's window
        for (var i = 0; i < 1_000; i++)
        {
            Fail(failures, "10.0.0.1", 1);
            if (i % 50 == 0)
            {
                Fail(failures, "10.0.0.2", 1); // a failure every fifty new clients
            }
            Fail(failures, $"10.2.{i / 256}.{i % 256}", 1);
            Assert.True(failures.Tracked <= 100, $"{failures.Tracked} clients remembered");
        }

        Assert.Equal(100, failures.Tracked);
        Assert.NotNull(failures.RetryAfter(Ip("10.0.0.1")));
        Assert.NotNull(failures.RetryAfter(Ip("10.0.0.2"))); // its count grew to 20 through the flood: never reset
        // The most recent of the flood are remembered, the oldest were forgotten one by one.
        Assert.Equal(1, CountOf(failures, "10.2.3.231"));
        Assert.Equal(0, CountOf(failures, "10.2.0.0"));
    }

    private int Fail(string address, int times) => Fail(_failures, address, times);

    private static IPAddress Ip(string address) => IPAddress.Parse(address);

    /// <summary>Fails <paramref name="times"/> times; the count the last failure reported, or 0.</summary>
    private static int Fail(FailedAuthentications failures, string address, int times)
    {
        var reported = 0;
        for (var i = 0; i < times; i++)
        {
            reported = failures.Failed(Ip(address)) ?? 0;
        }
        return reported;
    }

    /// <summary>How many failures <paramref name="address"/> has now, found by failing it up to the limit (then forgotten).</summary>
    private static int CountOf(FailedAuthentications failures, string address)
    {
        var more = 0;
        while (failures.Failed(Ip(address)) is null)
        {
            more++;
        }
        return failures.Limits.MaxFailures - more - 1;
    }
}
