using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pos.Api.Auth;
using Pos.Api.Problems;
using Pos.Api.Staff;
using Pos.Api.Telemetry;
using Pos.Contracts.Devices;
using Pos.Contracts.Journal;
using Pos.Grains.Journal;

namespace Pos.Api.Events;

/// <summary>
/// An open event stream: writes the first page (read before the answer started, so an outage then was a 503), then
/// reads the journal after its cursor a page at a time whenever <see cref="JournalCommitSignal"/> says something was
/// committed, writes the entries of the chosen kinds and flushes. A flush waits while the client does not read (the
/// socket's backpressure), so a slow reader costs one page, never a growing buffer. Quiet for
/// <see cref="EventStreamOptions.KeepAlive"/>: a comment line. The database away: the stream stays open and reads again
/// every <see cref="EventStreamOptions.OutageRetry"/> (or when the writer is back), keep-alives going on meanwhile.
/// Ends when the client goes, the appliance stops, or a newer stream of the same device takes its slot
/// (<see cref="EventStreamSlots"/>); the slot it holds is given back then.
/// </summary>
/// <param name="start">What the reader asked for.</param>
/// <param name="cursor">The seq the stream starts after.</param>
/// <param name="committed">The commit signal as it was taken before <paramref name="first"/> was read.</param>
/// <param name="first">The first page after <paramref name="cursor"/>.</param>
/// <param name="slot">The stream's place among the open ones, given back when it ends.</param>
public sealed class EventStreamResult(EventStreamStart start, long cursor, Task committed, JournalPage first, EventStreamSlot slot) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        // The slot is given back however this ends, a failure to set the stream up included.
        using var held = slot;
        var services = httpContext.RequestServices;
        var options = services.GetRequiredService<EventStreamOptions>();
        var run = new EventStreamLoop(
            services.GetRequiredService<IJournalFeed>(),
            services.GetRequiredService<JournalCommitSignal>(),
            options,
            options.Time ?? services.GetRequiredService<TimeProvider>(),
            [.. services.GetServices<IOutageDetector>()],
            services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions,
            services.GetRequiredService<ILogger<EventStreamLoop>>());
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(
            httpContext.RequestAborted, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping, slot.Ended);
        ApiTelemetry.EventStreams.Add(1);
        try
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            var deviceId = httpContext.User.DeviceId();
            var readerStream = deviceId == DeviceAuthenticationHandler.AdminDeviceId ? null : DeviceEvents.StreamOf(deviceId);
            await run.StreamAsync(response.BodyWriter, start.Kinds, cursor, committed, first, StillAllowed(httpContext), readerStream, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The client went, or the appliance stops: the stream simply ends. A newer stream of the device took its
            // place: its connection is dropped now, as it may be dead without a word (no FIN), and would linger.
            if (slot.Ended.IsCancellationRequested)
            {
                httpContext.Abort();
            }
        }
        catch (Exception)
        {
            // A bug: counted here; the host logs it with its stack and drops the connection (the answer has started).
            ApiTelemetry.RecordUnexpected("event-stream");
            throw;
        }
        finally
        {
            ApiTelemetry.EventStreams.Add(-1);
        }
    }

    /// <summary>
    /// Whether the reader's token still names its device: false once the device is revoked (or the staff session ends) (the directory forgets its
    /// token at once). Asked in memory; the admin token is not a device and is never revoked this way.
    /// </summary>
    private static Func<bool> StillAllowed(HttpContext httpContext)
    {
        var deviceId = httpContext.User.DeviceId();
        if (deviceId == DeviceAuthenticationHandler.AdminDeviceId)
        {
            return static () => true;
        }
        var token = httpContext.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var devices = httpContext.RequestServices.GetRequiredService<IDeviceDirectory>();
        var sessions = httpContext.RequestServices.GetRequiredService<StaffSessionDirectory>();
        return () =>
        {
            try
            {
                // A staff session's reader goes with its session (signed out, the person deactivated, the device revoked).
                return StaffSessionDirectory.IsSessionToken(token)
                    ? sessions.Find(token)?.Device.DeviceId == deviceId
                    : devices.FindByToken(token)?.DeviceId == deviceId;
            }
            catch (JournalUnavailableException)
            {
                return true; // the directory reloads: not a reason to cut a reader off
            }
        };
    }
}
