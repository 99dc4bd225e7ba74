using System.Globalization;
using System.Net;
using Pos.Cloud.Stores;
using Pos.Grains.Access;

namespace Pos.Cloud.Hosting;

/// <summary>
/// The cloud's limit on failed authentication per client address (<see cref="FailedAuthentications"/>): a wrong HQ
/// token, or a journal batch or menu pull whose store or signature is wrong. An address that failed too often gets
/// 429 <c>too-many-failed-attempts</c> for any request with credentials (a bearer token or a signature) before any
/// store is looked up or any body read. One warning when an address starts being refused, never a credential.
/// </summary>
public sealed partial class CloudFailedAuthentications(FailedAuthentications failures, ILogger<CloudFailedAuthentications> logger)
{
    /// <summary>Counts a failed authentication of the request's client.</summary>
    public void Failed(HttpContext http)
    {
        var address = AddressOf(http);
        if (failures.Failed(address) is { } count)
        {
            LogLimited(logger, address, count, failures.Limits.Window.TotalSeconds, failures.Limits.CoolDown.TotalSeconds);
        }
    }

    /// <summary>Answers 429 when the client is cooling down and sent credentials; false when the request goes on.</summary>
    public async Task<bool> RefuseAsync(HttpContext http)
    {
        var credentials = http.Request.Headers.ContainsKey("Authorization") || http.Request.Headers.ContainsKey(BatchSignature.Header);
        if (!credentials || failures.RetryAfter(AddressOf(http)) is not { } wait)
        {
            return false;
        }
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        // The body (a batch, perhaps large) is not read: close rather than drain it.
        http.Response.Headers.Connection = "close";
        await CloudProblems.Of(429, "too-many-failed-attempts", "Too many failed authentications from this address",
            $"Too many failed authentications from this address; credentials from it are not looked at for {seconds} more seconds.").ExecuteAsync(http);
        return true;
    }

    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : IPAddress.None.ToString();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Address} failed to authenticate {Count} times within {WindowSeconds} s; its credentials are refused unread (429) for {CoolDownSeconds} s.")]
    private static partial void LogLimited(ILogger logger, string address, int count, double windowSeconds, double coolDownSeconds);
}
