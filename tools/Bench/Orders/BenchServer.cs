using System.Diagnostics;

namespace Pos.Bench.Orders;

/// <summary>One simulated server (a POS terminal): one connection, one open order at a time.</summary>
internal sealed class BenchServer(HttpClient http) : LoadClient(http)
{
    private const int LinesPerOrder = 20;

    public override async Task RunAsync(MeasuredWindow window, CancellationToken cancellationToken)
    {
        var orderId = Guid.Empty;
        var lines = 0;
        while (Stopwatch.GetTimestamp() < window.To)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (orderId == Guid.Empty || lines >= LinesPerOrder)
            {
                // A fresh order every 20 lines: the size of a real table's check.
                var newOrder = Guid.NewGuid();
                orderId = await SendAsync("api/v1/orders", OrderLoad.OpenBody(newOrder), window, timed: false, cancellationToken)
                    ? newOrder
                    : Guid.Empty;
                lines = 0;
                continue;
            }

            if (await SendAsync($"api/v1/orders/{orderId}/lines", OrderLoad.LineBody(), window, timed: true, cancellationToken))
            {
                lines++;
            }
        }
    }
}
