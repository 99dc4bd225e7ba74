using System.Net.Http.Json;
using Pos.StaffApp.Pairing;

namespace Pos.StaffApp.Shell;

/// <summary>
/// What the banner says about the appliance and its link to the cloud, read from <c>GET /api/v1/sync/status</c>
/// while the phone is paired. Commands kept on the phone are not counted here: this phone keeps none yet.
/// </summary>
public sealed class StoreStatus(HttpClient http, DeviceToken token)
{
    public bool Paired { get; private set; } = true;
    public bool ApplianceReachable { get; private set; } = true;
    public bool InternetDown { get; private set; }
    public long EventsWaitingForCloud { get; private set; }

    /// <summary>Raised after a refresh changed something the banner shows.</summary>
    public event Action? Changed;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var paired = await token.GetAsync() is not null;
        var (reachable, down, waiting) = paired
            ? await ReadAsync(cancellationToken)
            : (ApplianceReachable, InternetDown, EventsWaitingForCloud);
        if ((paired, reachable, down, waiting) != (Paired, ApplianceReachable, InternetDown, EventsWaitingForCloud))
        {
            (Paired, ApplianceReachable, InternetDown, EventsWaitingForCloud) = (paired, reachable, down, waiting);
            Changed?.Invoke();
        }
    }

    private async Task<(bool Reachable, bool InternetDown, long EventsWaiting)> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var answer = await http.GetAsync("api/v1/sync/status", cancellationToken);
            if (answer.IsSuccessStatusCode
                && await answer.Content.ReadFromJsonAsync<SyncStatusAnswer>(StaffAppJson.Wire, cancellationToken) is { } status)
            {
                // An appliance linked to no cloud has no internet to miss.
                return (true, status.CloudUrl is not null && !status.Online, status.Pending);
            }
            return (true, InternetDown, EventsWaitingForCloud);
        }
        catch (HttpRequestException)
        {
            return (false, InternetDown, EventsWaitingForCloud);
        }
    }
}

/// <summary>The fields of the appliance's sync status the banner uses, mirroring its wire shape.</summary>
public sealed record SyncStatusAnswer(string? CloudUrl, long Pending, bool Online);
