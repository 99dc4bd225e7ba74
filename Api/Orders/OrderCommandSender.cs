using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Pos.Api.Auth;
using Pos.Api.Idempotency;
using Pos.Api.Telemetry;
using Pos.Grains.Commands;
using Pos.Grains.Orders;

namespace Pos.Api.Orders;

/// <summary>Translates an HTTP request into a command context, sends the command, and the result back into HTTP.</summary>
internal static class OrderCommandSender
{
    public static async Task<(OrderResult? Result, ProblemHttpResult? Problem)> SendAsync(
        HttpContext http, string command, int successStatus, Func<CommandContext, Task<OrderResult>> send)
    {
        if (!TryReadIfMatch(http.Request, out var expected))
        {
            return (null, Problems.Problems.Invalid("If-Match", "If-Match must be an order version in quotes, e.g. \"5\"."));
        }
        var context = new CommandContext(
            http.User.DeviceId(),
            http.Features.Get<IdempotencyFeature>()?.ToRequest(successStatus),
            expected);
        var started = Stopwatch.GetTimestamp();
        using var activity = ApiTelemetry.Source.StartActivity($"order.{command}");
        var result = await send(context);
        ApiTelemetry.RecordCommand(command, result.Error?.Code, Stopwatch.GetElapsedTime(started));
        if (result.Error is { } error)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.Code);
            var extra = error.Code == ErrorCodes.VersionMismatch && result.Order is { } current
                ? new Dictionary<string, object?> { ["currentVersion"] = current.Version }
                : null;
            return (null, extra is null ? Problems.Problems.Of(error) : Problems.Problems.Of(error.Code, error.Detail, extra));
        }
        if (result.Order is { } order)
        {
            http.Response.Headers.ETag = $"\"{order.Version}\"";
        }
        return (result, null);
    }

    private static bool TryReadIfMatch(HttpRequest request, out int? expected)
    {
        expected = null;
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return true;
        }
        if (header.StartsWith("W/", StringComparison.Ordinal))
        {
            header = header[2..];
        }
        if (header.Length >= 3 && header[0] == '"' && header[^1] == '"' && int.TryParse(header[1..^1], out var version) && version >= 0)
        {
            expected = version;
            return true;
        }
        return false;
    }
}
