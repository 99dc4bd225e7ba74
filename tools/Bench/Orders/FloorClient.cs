using System.Diagnostics;

namespace Pos.Bench.Orders;

/// <summary>
/// The same client as <see cref="BenchServer"/> reading one order of ten lines, <c>GET /api/v1/orders/{orderId}</c>:
/// the same authentication, routing, grain call and order JSON as an add-line answer, but no decision, no event and
/// no database. An add-line command does all of that and more, so what the read reaches is a ceiling for it: the
/// read floor.
/// </summary>
internal sealed class FloorClient(HttpClient http, string path) : LoadClient(http)
{
    public override async Task RunAsync(MeasuredWindow window, CancellationToken cancellationToken)
    {
        while (Stopwatch.GetTimestamp() < window.To)
        {
            await SendAsync(path, json: null, window, timed: true, cancellationToken);
        }
    }
}
