using System.Net.Http.Json;
using Pos.StaffApp.Manager;

namespace Pos.StaffApp.Cash;

/// <summary>
/// The appliance's cash routes (drawers, drawer sessions, the Z report), through the app's HttpClient: as the person
/// signed in, so a drawer session is theirs. Each command carries an Idempotency-Key made once per tap, and the ids it
/// chooses (sessionId, movementId), so a resend after a lost answer does not count twice.
/// </summary>
public sealed class CashApi(HttpClient http)
{
    private readonly ManagerApi _api = new(http);

    public Task<Answer<DrawerList>> DrawersAsync(CancellationToken cancellationToken) =>
        _api.GetAsync("api/v1/drawers", CashJson.Default.DrawerList, cancellationToken);

    /// <summary>Adds or changes a drawer (a manager's): the key is made once per tap.</summary>
    public Task<Answer<DrawerView>> SaveDrawerAsync(string drawerId, DrawerRequest drawer, CancellationToken cancellationToken) =>
        _api.SendAsync(HttpMethod.Put, $"api/v1/drawers/{Uri.EscapeDataString(drawerId)}",
            JsonContent.Create(drawer, CashJson.Default.DrawerRequest), CashJson.Default.DrawerView, cancellationToken, Guid.NewGuid().ToString("N"));

    public Task<Answer<DrawerSessionView>> OpenAsync(string drawerId, long floatMinor, CancellationToken cancellationToken) =>
        _api.SendAsync(HttpMethod.Post, $"api/v1/drawers/{Uri.EscapeDataString(drawerId)}/sessions",
            JsonContent.Create(new OpenDrawerSessionRequest(Guid.NewGuid().ToString(), floatMinor), CashJson.Default.OpenDrawerSessionRequest),
            CashJson.Default.DrawerSessionView, cancellationToken, Guid.NewGuid().ToString("N"));

    public Task<Answer<DrawerSessionView>> MoveAsync(string sessionId, string kind, long amountMinor, string? reason, CancellationToken cancellationToken) =>
        _api.SendAsync(HttpMethod.Post, $"api/v1/drawer-sessions/{Uri.EscapeDataString(sessionId)}/movements",
            JsonContent.Create(new DrawerMovementRequest(Guid.NewGuid().ToString(), kind, amountMinor, reason), CashJson.Default.DrawerMovementRequest),
            CashJson.Default.DrawerSessionView, cancellationToken, Guid.NewGuid().ToString("N"));

    public Task<Answer<DrawerSessionView>> CloseAsync(string sessionId, long countedMinor, CancellationToken cancellationToken) =>
        _api.SendAsync(HttpMethod.Post, $"api/v1/drawer-sessions/{Uri.EscapeDataString(sessionId)}/close",
            JsonContent.Create(new CloseDrawerSessionRequest(countedMinor), CashJson.Default.CloseDrawerSessionRequest),
            CashJson.Default.DrawerSessionView, cancellationToken, Guid.NewGuid().ToString("N"));

    /// <summary>Opens the drawer with no sale (journaled, counted in the Z report).</summary>
    public Task<Answer<bool>> NoSaleAsync(string drawerId, string reason, CancellationToken cancellationToken) =>
        _api.SendAsync<bool>(HttpMethod.Post, $"api/v1/drawers/{Uri.EscapeDataString(drawerId)}/kick",
            JsonContent.Create(new DrawerKickRequest(reason), CashJson.Default.DrawerKickRequest), null, cancellationToken, Guid.NewGuid().ToString("N"));

    public Task<Answer<ZReport>> ZReportAsync(DateOnly businessDate, CancellationToken cancellationToken) =>
        _api.GetAsync($"api/v1/reports/z?businessDate={Date(businessDate)}", CashJson.Default.ZReport, cancellationToken);

    public Task<Answer<PrintQueued>> PrintZReportAsync(DateOnly businessDate, CancellationToken cancellationToken) =>
        _api.SendAsync(HttpMethod.Post, "api/v1/reports/z/print",
            JsonContent.Create(new PrintZReportRequest(Date(businessDate)), CashJson.Default.PrintZReportRequest),
            CashJson.Default.PrintQueued, cancellationToken, Guid.NewGuid().ToString("N"));

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
