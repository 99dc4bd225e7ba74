using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Pos.Api.Auth;
using Pos.Api.Commands;
using Pos.Api.Requests;
using Pos.Api.Telemetry;
using Pos.Contracts.Problems;
using Pos.Grains.Commands;
using Pos.Grains.Orders;

namespace Pos.Api.Orders;

/// <summary>
/// Translates an HTTP request into a command context, sends the command, and the result back into HTTP. Every
/// answer from the order grain names the command's outcome in <see cref="OutcomeHeader"/> (docs/CONFLICTS.md);
/// a conflict's problem carries the order as it stands in the extension member <c>order</c>.
/// </summary>
public static class OrderCommandSender
{
    public const string OutcomeHeader = "Pos-Command-Outcome";

    public static async Task<(OrderResult? Result, ProblemHttpResult? Problem)> SendAsync(
        HttpContext http, string command, Func<CommandContext, Task<OrderResult>> send)
    {
        if (!IfMatch.TryRead(http.Request, out var expected))
        {
            return (null, IfMatch.Unreadable("the order"));
        }
        var context = http.CommandContextOf(expected);
        var result = await SendAsync(http.RequestServices.GetRequiredService<ICommandPolicy>(), CommandSender.Of(http), command, context, send);
        http.Response.Headers[OutcomeHeader] = result.Outcome.Name();
        if (result.Error is { } error)
        {
            return (null, Problem(error, result));
        }
        if (result.Order is { } order)
        {
            http.Response.Headers.ETag = IfMatch.ETagOf(order.Version);
        }
        return (result, null);
    }

    /// <summary>
    /// Sends a command with its context, once the policy allows it, traced and counted; the HTTP routes and the batch
    /// route both come here. A refusal by the policy is a rejection: nothing runs and nothing is kept. A refusal for
    /// want of a permission that the order decided itself (a void of a fired line) is journaled like the policy's.
    /// </summary>
    public static async Task<OrderResult> SendAsync(
        ICommandPolicy policy, CommandSender sender, string command, CommandContext context, Func<CommandContext, Task<OrderResult>> send)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = ApiTelemetry.Source.StartActivity($"order.{command}");
        OrderResult result;
        if (await policy.AuthorizeAsync(sender, command) is { } refused)
        {
            result = new OrderResult(null, refused.Error, CommandOutcome.Rejected);
        }
        else
        {
            result = await send(context);
            if (result.Error is { Code: ErrorCodes.PermissionDenied, Field: { } permission })
            {
                await policy.RecordRefusalAsync(sender, permission, command);
            }
        }
        ApiTelemetry.RecordCommand(command, result.Error?.Code, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("pos.outcome", result.Outcome.Name());
        if (result.Error is { } error)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.Code);
        }
        return result;
    }

    /// <summary>
    /// The problem answering a refused command: a conflict's carries the order as it stands (unless
    /// <paramref name="withOrder"/> is false: a device batch gives each order once, see <c>BatchAnswers</c>).
    /// </summary>
    public static ProblemHttpResult Problem(CommandError error, OrderResult result, bool withOrder = true)
    {
        if (result.Outcome != CommandOutcome.Conflict || result.Order is not { } current)
        {
            return Problems.Problems.Of(error);
        }
        var extra = new Dictionary<string, object?>();
        if (withOrder)
        {
            extra["order"] = current.ToWire();
        }
        if (error.Field is { } field)
        {
            extra["errors"] = new Dictionary<string, string[]> { [field] = [error.Detail] };
        }
        if (error.Code == ErrorCodes.VersionMismatch)
        {
            extra["currentVersion"] = current.Version;
        }
        return Problems.Problems.Of(error.Code, error.Detail, extra);
    }
}
