using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Pos.Bench.Orders;
using Pos.Bench.Printing;

namespace Pos.Bench.Soak;

/// <summary>What all devices share: the ticket tracker, the fired orders and the first few problems.</summary>
internal sealed class SoakTickets(TicketTracker tracker)
{
    private const int KeptProblems = 5;
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<(ExpectedOrder Order, long FiredAt)> _fired = new();

    public TicketTracker Tracker { get; } = tracker;

    public IReadOnlyList<string> Problems => [.. _problems];

    /// <summary>Orders fired (their fire was answered), each with the Stopwatch timestamp just before its fire was sent.</summary>
    public IReadOnlyList<(ExpectedOrder Order, long FiredAt)> Fired => [.. _fired];

    public void Problem(string description)
    {
        if (_problems.Count < KeptProblems)
        {
            _problems.Enqueue(description);
        }
    }

    public void OrderFired(ExpectedOrder order, long firedAt) => _fired.Enqueue((order, firedAt));
}

/// <summary>
/// One device taking whole orders, one command per call: open a takeout order, ring up a burger (kitchen), a soda
/// (bar) and another burger, fire (a kitchen and a bar ticket print on the virtual printers), pay by card, close.
/// Seven commands an order. A command that fails abandons its order: the next call opens a new one.
/// </summary>
internal sealed class SoakOrders(HttpClient http, SoakTickets tickets) : IPacedCommands, IDisposable
{
    public const int CommandsPerOrder = 7;

    private static readonly string[] Items = [OrderLoad.MenuItemId, ApplianceFire.BarItemId, OrderLoad.MenuItemId];

    private int _step;
    private Guid _orderId;
    private int _number;
    private long _totalMinor;

    public async Task<bool> SendNextAsync(CancellationToken cancellationToken)
    {
        var step = _step;
        var answer = step switch
        {
            0 => await PostAsync("api/v1/orders", $$"""{"orderId":"{{_orderId = Guid.NewGuid()}}","channel":"takeout"}""", cancellationToken),
            >= 1 and <= 3 => await PostAsync(
                $"api/v1/orders/{_orderId}/lines",
                $$"""{"lineId":"{{Guid.NewGuid()}}","menuItemId":"{{Items[step - 1]}}","quantity":1}""",
                cancellationToken),
            4 => await FireAsync(cancellationToken),
            5 => await PostAsync(
                $"api/v1/orders/{_orderId}/payments",
                $$"""{"paymentId":"{{Guid.NewGuid()}}","tender":"card","amountMinor":{{_totalMinor}}}""",
                cancellationToken),
            _ => await PostAsync($"api/v1/orders/{_orderId}/close", "{}", cancellationToken),
        };
        if (answer is null)
        {
            _step = 0;
            return false;
        }

        if (step is 0 or 3 && !Read(answer, step == 0 ? "number" : "totalMinor"))
        {
            _step = 0;
            return false;
        }

        _step = (step + 1) % CommandsPerOrder;
        return true;

        bool Read(string json, string field)
        {
            using var view = JsonDocument.Parse(json);
            if (view.RootElement.TryGetProperty(field, out var property) && property.TryGetInt64(out var read))
            {
                if (step == 0)
                {
                    _number = (int)read;
                }
                else
                {
                    _totalMinor = read;
                }

                return true;
            }

            tickets.Problem($"an answer without {field}: {json}");
            return false;
        }
    }

    public void Dispose() => http.Dispose();

    private async Task<string?> FireAsync(CancellationToken cancellationToken)
    {
        var expected = tickets.Tracker.Expect(_number);
        if (expected is null)
        {
            tickets.Problem($"order {_orderId} was given number #{_number}, which an earlier order of this run already has");
        }

        var firedAt = Stopwatch.GetTimestamp();
        var answer = await PostAsync($"api/v1/orders/{_orderId}/fire", "{}", cancellationToken);
        if (answer is not null && expected is not null)
        {
            tickets.OrderFired(expected, firedAt);
        }

        return answer;
    }

    // The answer's body on a 2xx, else null with the failure kept.
    private async Task<string?> PostAsync(string path, string json, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(path, content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

            tickets.Problem($"POST /{path} answered {(int)response.StatusCode}: {await OrderLoad.BodyAsync(response, cancellationToken)}");
        }
        catch (HttpRequestException e)
        {
            tickets.Problem($"POST /{path} failed: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            tickets.Problem($"POST /{path} timed out after {http.Timeout.TotalSeconds:F0} s");
        }

        return null;
    }
}
