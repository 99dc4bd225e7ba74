using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Pos.Api.Commands;
using Pos.Api.Orders;
using Pos.Api.Problems;
using Pos.Contracts.Journal;
using Pos.Contracts.Sync;
using Pos.Grains.Journal;
using Pos.Grains.Orders;

namespace Pos.Api.Sync;

/// <summary>What became of one command of a batch, before the orders are put into the answer.</summary>
internal sealed record BatchAnswer(string CommandId, string Outcome, Guid? OrderId, int? Version, ProblemDetails? Problem)
{
    /// <summary>The order at <see cref="Version"/> when it is at hand (a command just applied), else rebuilt.</summary>
    public OrderView? Order { get; init; }

    /// <summary>An answer as it was kept for its command id: the first answer, which every repeat is given.</summary>
    public static BatchAnswer FromKept(string commandId, Guid orderId, KeptAnswer kept)
    {
        var outcome = kept.Outcome ?? throw new InvalidOperationException($"The record of command '{commandId}' has no outcome.");
        if (KeptAnswers.IsProblem(kept))
        {
            return new BatchAnswer(commandId, outcome, orderId, kept.Version, JsonSerializer.Deserialize<ProblemDetails>(kept.Body, EventJson.Options));
        }
        if (OrderSetAnswer.Read(kept) is not null)
        {
            // A set of orders (a split, a carry-over): the batch shows the order the command addressed, at its version.
            return new BatchAnswer(commandId, outcome, orderId, kept.Version, null);
        }
        if (kept.KeptByVersion is { } version)
        {
            return new BatchAnswer(commandId, outcome, orderId, version, null);
        }
        // Kept before answers were kept by version: the whole order.
        var order = JsonSerializer.Deserialize<OrderView>(kept.Body, EventJson.Options);
        return new BatchAnswer(commandId, outcome, orderId, order?.Version, null) { Order = order };
    }
}

/// <summary>
/// The batch's answer: each command's result, and each order once, with its last command in the batch (the order
/// as that command left it). A device learns every outcome and the final state of every order it touched, and the
/// answer grows with the batch, not with the batch times the orders: 500 commands on a long order would otherwise
/// repeat the order 500 times. The same batch sent again gets the same answer, byte for byte: every order is
/// rebuilt at its version from its events.
/// </summary>
internal static class BatchAnswers
{
    public static async Task<List<DeviceCommandResult>> RenderAsync(IReadOnlyList<BatchAnswer> answers, IGrainFactory grains)
    {
        var last = new Dictionary<Guid, int>();
        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i] is { OrderId: { } id, Version: not null })
            {
                last[id] = i;
            }
        }
        var results = new List<DeviceCommandResult>(answers.Count);
        for (var i = 0; i < answers.Count; i++)
        {
            var a = answers[i];
            if (a.OrderId is not { } orderId || a.Version is not { } version || last[orderId] != i)
            {
                results.Add(new DeviceCommandResult(a.CommandId, a.Outcome, a.Version, null, a.Problem?.ToWire()));
                continue;
            }
            var order = (a.Order is { } atHand && atHand.Version == version
                ? atHand
                : await KeptAnswers.OrderAtAsync(grains, orderId, version)).ToWire();
            results.Add(a.Problem is { } problem
                ? new DeviceCommandResult(a.CommandId, a.Outcome, version, null, problem.ToWire(order))
                : new DeviceCommandResult(a.CommandId, a.Outcome, version, order, null));
        }
        return results;
    }
}
