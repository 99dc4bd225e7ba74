using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pos.Hosting.Access;

/// <summary>How many failed authentications a client may make before its wrong credentials are answered 429.</summary>
public sealed record FailedAuthenticationLimits
{
    /// <summary>Failures within <see cref="Window"/> that start the cool-down.</summary>
    public int MaxFailures { get; init; } = 20;

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a client that reached <see cref="MaxFailures"/> is limited.</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The most clients remembered at once, so a flood from many addresses cannot grow memory: beyond it, the client
    /// that failed least recently is forgotten, one for each new one.
    /// </summary>
    public int MaxAddresses { get; init; } = 10_000;
}

/// <summary>A limited client's answer: how long it stays limited, and what to tell it.</summary>
public readonly record struct TooManyFailures(int RetryAfterSeconds)
{
    public string Detail =>
        $"Too many failed authentications from this address: for {RetryAfterSeconds} more seconds a wrong credential from it is answered 429 " +
        "(a valid one is still served).";
}

/// <summary>
/// Failed authentications per client (the pure core behind the appliance's and the cloud's limits): after
/// <see cref="FailedAuthenticationLimits.MaxFailures"/> failures within the window, the client is limited for the
/// cool-down: a wrong credential from it is answered 429 at once, without a database lookup or a log line, while a
/// credential the host can check in memory is still served (the limit keeps guessing cheap; it does not lock out the
/// tills behind the same address). Successes are not counted; other clients are not affected. A client is an IPv4
/// address, or the /64 prefix of an IPv6 address (one host's share of a network: <see cref="ClientOf"/>). Time comes
/// from a <see cref="TimeProvider"/>, so tests move it.
/// </summary>
public sealed class FailedAuthentications(TimeProvider time, FailedAuthenticationLimits limits)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Tally>> _tallies = new(StringComparer.Ordinal);

    /// <summary>The remembered clients, the one that failed least recently first.</summary>
    private readonly LinkedList<Tally> _byLastFailure = new();

    public FailedAuthenticationLimits Limits => limits;

    /// <summary>How many clients are remembered now (never more than <see cref="FailedAuthenticationLimits.MaxAddresses"/>).</summary>
    public int Tracked
    {
        get
        {
            lock (_gate)
            {
                return _tallies.Count;
            }
        }
    }

    /// <summary>
    /// The client an address counts as: an IPv4 address (one mapped into IPv6 included) as itself, an IPv6 address as
    /// its /64 prefix (a host picks any address of its /64 at will, so counting whole addresses would count nothing).
    /// </summary>
    public static string ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return string.Create(CultureInfo.InvariantCulture, $"{new IPAddress(bytes)}/64");
    }

    /// <summary>When <paramref name="address"/>'s client is limited, how long for; null when it is not.</summary>
    public TooManyFailures? Limited(IPAddress? address) => RetryAfter(address) is { } wait
        ? new TooManyFailures(Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)))
        : null;

    /// <summary>How long <paramref name="address"/>'s client stays limited; null when it is not.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        var client = ClientOf(address);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_tallies.TryGetValue(client, out var node) || node.Value.LimitedUntil is not { } until)
            {
                return null;
            }
            if (now < until)
            {
                return until - now;
            }
            Forget(node); // cooled down: a clean slate
            return null;
        }
    }

    /// <summary>
    /// Counts a failure of <paramref name="address"/>'s client. Returns the number of failures in the window when this
    /// one starts the cool-down (the moment to say so, once), otherwise null. A failure while limited is not counted
    /// again, but keeps the client among the most recently failed, so a flood of other clients does not make it forgotten.
    /// </summary>
    public int? Failed(IPAddress? address)
    {
        var client = ClientOf(address);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_tallies.TryGetValue(client, out var node))
            {
                _byLastFailure.Remove(node);
                _byLastFailure.AddLast(node);
            }
            else
            {
                if (_tallies.Count >= limits.MaxAddresses && _byLastFailure.First is { } oldest)
                {
                    Forget(oldest); // one for one: never everyone at once
                }
                node = _byLastFailure.AddLast(new Tally(client, now));
                _tallies[client] = node;
            }
            var tally = node.Value;
            if (tally.LimitedUntil is { } until)
            {
                if (now < until)
                {
                    return null; // limited already: said once, when it began
                }
                tally.Restart(now);
            }
            if (now - tally.WindowStart >= limits.Window)
            {
                tally.Restart(now);
            }
            tally.Count++;
            if (tally.Count < limits.MaxFailures)
            {
                return null;
            }
            tally.LimitedUntil = now + limits.CoolDown;
            return tally.Count;
        }
    }

    private void Forget(LinkedListNode<Tally> node)
    {
        _byLastFailure.Remove(node);
        _tallies.Remove(node.Value.Client);
    }

    private sealed class Tally(string client, DateTimeOffset windowStart)
    {
        public string Client { get; } = client;
        public DateTimeOffset WindowStart { get; private set; } = windowStart;
        public int Count { get; set; }
        public DateTimeOffset? LimitedUntil { get; set; }

        public void Restart(DateTimeOffset now)
        {
            WindowStart = now;
            Count = 0;
            LimitedUntil = null;
        }
    }
}
