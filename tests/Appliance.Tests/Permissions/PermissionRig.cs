using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pos.Api.Auth;
using Pos.Contracts.Problems;
using Pos.Hosting.Access;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Permissions;

/// <summary>
/// An appliance with a device of every role (and a revoked one), whose manager approvals are a test's: the PIN
/// <see cref="ManagerPin"/> is approved by <see cref="ApprovingManager"/>, any other is refused. Wrong tokens are not
/// limited here (the tests send many on purpose).
/// </summary>
public sealed class PermissionRig : IAsyncLifetime
{
    public const string ManagerPin = "2468";
    public const string ApprovingManager = "emp-ana";
    public static readonly string[] DeviceRoles = [Roles.Manager, Roles.Server, Roles.Bartender, Roles.Kitchen, Roles.Integration];

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public ApplianceFactory Appliance { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;
    public string RevokedToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Appliance = await ApplianceFactory.StartAsync(services: s =>
        {
            s.AddSingleton(new FailedAuthenticationLimits { MaxFailures = 1_000_000 });
            s.AddSingleton<IManagerApproval>(new PinApproval());
        });
        Admin = Appliance.NewClient();
        await Admin.PutMenuAsync();
        foreach (var role in DeviceRoles)
        {
            _tokens[role] = await Admin.RegisterDeviceAsync(DeviceOf(role), role);
        }
        RevokedToken = await Admin.RegisterDeviceAsync("perm-revoked", Roles.Server);
        (await Admin.DeleteAsync("/api/v1/devices/perm-revoked")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Appliance.DisposeAsync();
    }

    public static string DeviceOf(string role) => role == Roles.Admin ? "admin" : $"perm-{role}";

    public string TokenOf(string role) => role == Roles.Admin ? ApplianceFactory.AdminToken : _tokens[role];

    public HttpClient Client(string role) => Appliance.NewClient(TokenOf(role));

    public async Task<long> HeadSeqAsync() =>
        (await Admin.GetJsonAsync("/api/v1/journal?after=0&limit=1")).GetProperty("headSeq").GetInt64();

    /// <summary>The journal's events after <paramref name="seq"/>.</summary>
    public async Task<List<JsonElement>> EventsAfterAsync(long seq) =>
        [.. (await Admin.GetJsonAsync($"/api/v1/journal?after={seq}&limit=1000")).GetProperty("events").EnumerateArray()];

    /// <summary>Opens an order with a line of each item given, as the admin; the line ids in order.</summary>
    public async Task<(Guid OrderId, Guid[] Lines)> OrderAsync(params string[] items)
    {
        var orderId = Guid.NewGuid();
        (await Admin.OpenAsync(orderId)).EnsureSuccessStatusCode();
        var lines = new List<Guid>();
        foreach (var item in items)
        {
            var lineId = Guid.NewGuid();
            (await Admin.AddLineAsync(orderId, lineId, item, 1)).EnsureSuccessStatusCode();
            lines.Add(lineId);
        }
        return (orderId, [.. lines]);
    }

    public async Task FireAsync(Guid orderId) =>
        (await Admin.PostAsJsonAsync($"/api/v1/orders/{orderId}/fire", new { })).EnsureSuccessStatusCode();

    /// <summary>Approves <see cref="ManagerPin"/> for anything; refuses every other PIN.</summary>
    private sealed class PinApproval : IManagerApproval
    {
        public ValueTask<ApprovalOutcome> ApproveAsync(string deviceId, string pin, string permission, CancellationToken cancellationToken) =>
            ValueTask.FromResult(pin == ManagerPin
                ? ApprovalOutcome.Approved(ApprovingManager)
                : ApprovalOutcome.Refused(new CommandError(ErrorCodes.Forbidden, "That PIN is not a manager's.")));
    }
}
