using System.Net;
using System.Net.Http.Json;
using Pos.StaffApp.Device;

namespace Pos.StaffApp.Shell;

/// <summary>
/// What the banner says: the changes this phone keeps for the appliance (its outbox), whether the appliance answers,
/// and the appliance's link to the cloud, read from <c>GET /api/v1/sync/status</c> while the phone is paired.
/// </summary>
public sealed class StoreStatus(DeviceSession session)
{
    public bool Paired => session.Identity is not null;
    public int ChangesWaiting => session.Waiting;
    public bool ApplianceReachable => session.ApplianceReachable;
    public bool InternetDown { get; private set; }
    public long EventsWaitingForCloud { get; private set; }

    /// <summary>Raised when something the banner shows changed: the phone's own state, or the cloud's as last read.</summary>
    public event Action? Changed
    {
        add
        {
            session.Changed += value;
            CloudChanged += value;
        }
        remove
        {
            session.Changed -= value;
            CloudChanged -= value;
        }
    }

    private event Action? CloudChanged;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await session.StartAsync();
        if (session.Device is not { } device)
        {
            return;
        }
        try
        {
            using var answer = await device.Api.Http.GetAsync("api/v1/sync/status", cancellationToken);
            if (answer.StatusCode == HttpStatusCode.Unauthorized)
            {
                await session.UnpairAsync();
                return;
            }
            if (answer.IsSuccessStatusCode
                && await answer.Content.ReadFromJsonAsync(StaffAppJson.Default.SyncStatusResponse, cancellationToken) is { } status)
            {
                // An appliance linked to no cloud has no internet to miss.
                var cloud = (status.CloudUrl is not null && !status.Online, status.Pending);
                if (cloud != (InternetDown, EventsWaitingForCloud))
                {
                    (InternetDown, EventsWaitingForCloud) = cloud;
                    CloudChanged?.Invoke();
                }
            }
            session.SeenAppliance(true);
        }
        catch (HttpRequestException)
        {
            session.SeenAppliance(false);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            session.SeenAppliance(false); // timed out: the banner's poll goes on
        }
    }
}
