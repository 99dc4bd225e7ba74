using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Pos.Api.Auth;
using Pos.Api.Telemetry;
using Pos.Contracts.Problems;

namespace Pos.Api.Requests;

/// <summary>
/// How fast one device may write (POST, PUT, PATCH, DELETE): <see cref="PerSecond"/> writes a second, with bursts of up
/// to <see cref="Burst"/>. <see cref="PerSecond"/> 0 turns the limit off.
/// </summary>
public sealed record WriteRateOptions
{
    /// <summary>Writes a second one device may keep up (a till sends a few a minute; a busy integration a few a second).</summary>
    public int PerSecond { get; init; } = 20;

    /// <summary>Writes one device may send at once before the rate applies (a phone's outbox sends its queue as one batch).</summary>
    public int Burst { get; init; } = 100;
}

/// <summary>
/// The write limit per device: a device (by the device its token or staff session is on) that writes faster than
/// <see cref="WriteRateOptions"/> allows is answered 429 <c>too-many-writes</c> with <c>Retry-After</c>, nothing run,
/// while every other device goes on. Reads and the event stream are never limited. A write without a token reaches only
/// pairing, which the failed-authentication limit guards per address; the admin token is the operator's own, used by
/// scripts and set-up. Neither is limited here.
/// </summary>
public static class WriteRateLimit
{
    public static IServiceCollection AddWriteRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            o.OnRejected = RejectAsync;
        });

    /// <summary>Limits writes from here on in the pipeline: after authentication, so the device is known.</summary>
    public static IApplicationBuilder UseWriteRateLimit(this IApplicationBuilder app) => app.UseRateLimiter();

    private static RateLimitPartition<string> Partition(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<WriteRateOptions>();
        var method = http.Request.Method;
        var write = HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
        if (!write || options.PerSecond <= 0)
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        // Without a token a write reaches only pairing, guarded per address by the failed-authentication limit.
        var device = http.User.Identity?.IsAuthenticated == true ? http.User.DeviceId() : DeviceAuthenticationHandler.AdminDeviceId;
        if (device == DeviceAuthenticationHandler.AdminDeviceId)
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        return RateLimitPartition.GetTokenBucketLimiter(device, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(options.Burst, 1),
            TokensPerPeriod = options.PerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<WriteRateOptions>();
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero
            ? (int)Math.Ceiling(after.TotalSeconds)
            : 1;
        ApiTelemetry.WritesLimited.Add(1);
        http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        await Problems.Problems.Of(ErrorCodes.TooManyWrites,
            $"This device sent writes faster than the store takes them from one device ({options.PerSecond} a second, bursts of " +
            $"{options.Burst}); nothing was done. Send it again in {wait} s (reads are not limited).").ExecuteAsync(http);
    }
}
