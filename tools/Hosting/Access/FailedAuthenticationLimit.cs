using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Pos.Hosting.Access;

/// <summary>
/// The limit on failed authentication as both hosts apply it (the appliance's API and the cloud's silo), all of it
/// but the HTTP: a wrong credential is counted against its client (<see cref="FailedAuthentications"/>), with one
/// warning when the client becomes limited (the count, never what was sent); a limited client's request is served
/// when its credential is good by what the host holds in memory, and answered 429 when it is not.
/// </summary>
public sealed partial class FailedAuthenticationLimit(FailedAuthentications failures, ILogger<FailedAuthenticationLimit> logger)
{
    /// <summary>A credential from <paramref name="address"/> was wrong.</summary>
    public void Failed(IPAddress? address)
    {
        if (failures.Failed(address) is { } count)
        {
            LogLimited(logger, FailedAuthentications.ClientOf(address), count, failures.Limits.Window.TotalSeconds, failures.Limits.CoolDown.TotalSeconds);
        }
    }

    /// <summary>When <paramref name="address"/>'s client is limited, how long for; null when it is not.</summary>
    public TooManyFailures? Limited(IPAddress? address) => failures.Limited(address);

    /// <summary>
    /// Null when the request goes on: its client is not limited, or <paramref name="authenticate"/> (which looks only
    /// at what is in memory: no database, no log line) found its credential good. Otherwise the 429 to answer.
    /// </summary>
    public async ValueTask<TooManyFailures?> RefusalAsync(IPAddress? address, Func<Task<bool>> authenticate) =>
        failures.Limited(address) is { } limited && !await authenticate() ? limited : null;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Client} failed to authenticate {Count} times within {WindowSeconds} s; its wrong credentials are answered 429 unlogged for {CoolDownSeconds} s (valid ones are served).")]
    private static partial void LogLimited(ILogger logger, string client, int count, double windowSeconds, double coolDownSeconds);
}

public static class FailedAuthenticationLimitSetup
{
    /// <summary>The limit with its default numbers (20 failures in 10 s, a minute's cool-down), unless registered before.</summary>
    public static IServiceCollection AddFailedAuthenticationLimit(this IServiceCollection services)
    {
        services.TryAddSingleton(new FailedAuthenticationLimits());
        services.TryAddSingleton(sp => new FailedAuthentications(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<FailedAuthenticationLimits>()));
        services.TryAddSingleton<FailedAuthenticationLimit>();
        return services;
    }
}
