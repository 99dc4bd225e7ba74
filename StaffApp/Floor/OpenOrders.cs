using System.Net;
using System.Net.Http.Json;
using Pos.StaffApp.Pairing;

namespace Pos.StaffApp.Floor;

/// <summary>What asking the appliance for the open orders gave.</summary>
public enum FloorReadOutcome
{
    Loaded,
    /// <summary>This phone has no device token yet, or the appliance refused the one it has (401).</summary>
    NotPaired,
    /// <summary>No answer: the Wi-Fi or the appliance is down.</summary>
    Unreachable,
    /// <summary>The appliance answered with an error.</summary>
    Failed,
}

/// <summary>The open orders, or why there are none to show.</summary>
public sealed record FloorRead(FloorReadOutcome Outcome, IReadOnlyList<FloorOrder> Orders, string? Detail = null);

/// <summary>Reads the open orders from the appliance (<c>GET /api/v1/orders?status=open</c>), every page of them.</summary>
public sealed class OpenOrders(HttpClient http, DeviceToken token)
{
    public async Task<FloorRead> ReadAsync(CancellationToken cancellationToken)
    {
        if (await token.GetAsync() is null)
        {
            return new FloorRead(FloorReadOutcome.NotPaired, []);
        }
        var orders = new List<FloorOrder>();
        string? cursor = null;
        do
        {
            var uri = "api/v1/orders?status=open" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            HttpResponseMessage answer;
            try
            {
                answer = await http.GetAsync(uri, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                return new FloorRead(FloorReadOutcome.Unreachable, [], e.Message);
            }
            using (answer)
            {
                if (answer.StatusCode == HttpStatusCode.Unauthorized)
                {
                    return new FloorRead(FloorReadOutcome.NotPaired, []);
                }
                if (!answer.IsSuccessStatusCode)
                {
                    return new FloorRead(FloorReadOutcome.Failed, [], $"The appliance answered {(int)answer.StatusCode}.");
                }
                var page = await answer.Content.ReadFromJsonAsync<FloorOrderPage>(StaffAppJson.Wire, cancellationToken)
                    ?? throw new InvalidOperationException("The appliance answered an empty page of orders.");
                orders.AddRange(page.Orders);
                cursor = page.HasMore ? page.NextCursor : null;
            }
        }
        while (cursor is not null);
        return new FloorRead(FloorReadOutcome.Loaded, orders);
    }
}
