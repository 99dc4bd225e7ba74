using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Pos.Client.Http;
using Pos.Contracts.Devices;
using Pos.Contracts.Menu;
using Pos.Contracts.Printers;
using Pos.Contracts.Reports;
using Pos.Contracts.Staff;
using Pos.Contracts.Sync;

namespace Pos.StaffApp.Manager;

/// <summary>
/// An answer of the appliance to the manager screen: the value, or what to tell the manager instead (and the status
/// the appliance answered, 0 when it could not be reached).
/// </summary>
public sealed record Answer<T>(T? Value, string? Problem, int Status = 0)
{
    /// <summary>The appliance's problem as it answered it (its code, the permission missing), when it answered one.</summary>
    public ApplianceProblem? Refusal { get; init; }

    /// <summary>The problem document itself, for the members a screen reads beyond <see cref="Refusal"/> (backupOf, unfinishedJobs).</summary>
    public JsonElement? ProblemDocument { get; init; }

    public bool Ok => Problem is null;
}

/// <summary>
/// The appliance's manager routes, typed with Contracts' records, through the app's HttpClient (which carries this
/// phone's device token). Nothing throws for an answer the manager can act on: a refusal or a lost Wi-Fi comes back as
/// <see cref="Answer{T}.Problem"/> in words.
/// </summary>
public sealed class ManagerApi(HttpClient http)
{
    public Task<Answer<PrinterList>> PrintersAsync(CancellationToken cancellationToken) =>
        GetAsync("api/v1/printers", ManagerJson.Wire.PrinterList, cancellationToken);

    public Task<Answer<PrintJobList>> JobsAsync(string printerId, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/printers/{Uri.EscapeDataString(printerId)}/jobs", ManagerJson.Wire.PrintJobList, cancellationToken);

    /// <summary>Prints a ticket again; <paramref name="approvalPin"/> is a manager's PIN approving it, for a role that needs one.</summary>
    public Task<Answer<PrintJobView>> ReprintAsync(string printerId, Guid jobId, CancellationToken cancellationToken, string? approvalPin = null) =>
        SendAsync(HttpMethod.Post, $"api/v1/printers/{Uri.EscapeDataString(printerId)}/jobs/{jobId}/reprint",
            new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), ManagerJson.Wire.PrintJobView, cancellationToken,
            approvalPin: approvalPin);

    public Task<Answer<SyncStatusResponse>> SyncStatusAsync(CancellationToken cancellationToken) =>
        GetAsync("api/v1/sync/status", ManagerJson.Wire.SyncStatusResponse, cancellationToken);

    /// <summary>Every registered device, all pages read.</summary>
    public async Task<Answer<IReadOnlyList<DeviceView>>> DevicesAsync(CancellationToken cancellationToken)
    {
        var all = new List<DeviceView>();
        string? cursor = null;
        do
        {
            var page = await GetAsync("api/v1/devices" + (cursor is null ? "" : "?cursor=" + Uri.EscapeDataString(cursor)),
                ManagerJson.Wire.DeviceList, cancellationToken);
            if (!page.Ok)
            {
                return new(null, page.Problem);
            }
            all.AddRange(page.Value!.Devices);
            cursor = page.Value.HasMore ? page.Value.NextCursor : null;
        }
        while (cursor is not null);
        return new(all, null);
    }

    public Task<Answer<bool>> RevokeAsync(string deviceId, CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Delete, $"api/v1/devices/{Uri.EscapeDataString(deviceId)}", null, null, cancellationToken);

    public Task<Answer<PairingCodeIssued>> CreatePairingCodeAsync(string role, string? name, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "api/v1/pairing-codes",
            JsonContent.Create(new CreatePairingCodeRequest(role, string.IsNullOrWhiteSpace(name) ? null : name.Trim()), ManagerJson.Wire.CreatePairingCodeRequest),
            ManagerJson.Wire.PairingCodeIssued, cancellationToken);

    /// <summary>Today's figures as the appliance's business day counts them (no date: the current business date).</summary>
    public Task<Answer<DailyReport>> DailyReportAsync(CancellationToken cancellationToken) =>
        GetAsync("api/v1/reports/daily", ManagerJson.Wire.DailyReport, cancellationToken);

    /// <summary>Every employee of the store, active or not (a manager's).</summary>
    public Task<Answer<EmployeeList>> EmployeesAsync(CancellationToken cancellationToken) =>
        GetAsync("api/v1/employees", ManagerJson.Wire.EmployeeList, cancellationToken);

    /// <summary>Creates or changes an employee; <paramref name="pin"/> null keeps their PIN.</summary>
    public Task<Answer<EmployeeView>> SaveEmployeeAsync(string employeeId, string name, string role, string? pin, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"api/v1/employees/{Uri.EscapeDataString(employeeId)}",
            JsonContent.Create(new SaveEmployeeRequest(name, role, pin), ManagerJson.Wire.SaveEmployeeRequest),
            ManagerJson.Wire.EmployeeView, cancellationToken, Guid.NewGuid().ToString("N"));

    /// <summary>Deactivates an employee: their sessions end, their PIN is erased.</summary>
    public Task<Answer<bool>> DeactivateEmployeeAsync(string employeeId, CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Delete, $"api/v1/employees/{Uri.EscapeDataString(employeeId)}", null, null, cancellationToken, Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Removes a printer (its tickets move to its backup or another printer of its station); <paramref name="force"/>
    /// removes it even when no printer can take its tickets, which are then recorded failed. The key is made once per tap.
    /// </summary>
    public Task<Answer<bool>> RemovePrinterAsync(string printerId, bool force, string idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Delete, $"api/v1/printers/{Uri.EscapeDataString(printerId)}{(force ? "?force=true" : "")}", null, null,
            cancellationToken, idempotencyKey);

    /// <summary>
    /// Marks whose guest checks and receipts a printer prints (device ids, stations, "*" for the store's default; none
    /// for a kitchen printer only), sending the rest of its configuration as it is.
    /// </summary>
    public Task<Answer<PrinterConfig>> SetReceiptForAsync(PrinterResponse printer, IReadOnlyList<string> receiptFor, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"api/v1/printers/{Uri.EscapeDataString(printer.PrinterId)}",
            JsonContent.Create(new PrinterRequest(printer.Name, printer.Host, printer.Port, printer.Station, printer.BackupPrinterId, printer.Columns,
                printer.CodePage, printer.Confirm, printer.FailoverAfterSeconds) { ReceiptFor = receiptFor.Count == 0 ? null : receiptFor }, ManagerJson.Wire.PrinterRequest),
            ManagerJson.Wire.PrinterConfig, cancellationToken, Guid.NewGuid().ToString("N"));

    /// <summary>The 86: an item sold out, or available with a count of what is left (null: not counted).</summary>
    public Task<Answer<ItemAvailabilityView>> SetAvailabilityAsync(string itemId, bool soldOut, int? remaining, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"api/v1/menu/items/{Uri.EscapeDataString(itemId)}/availability",
            JsonContent.Create(new ItemAvailabilityRequest(soldOut ? ItemAvailabilityStatus.SoldOut : ItemAvailabilityStatus.Available, soldOut ? null : remaining),
                ManagerJson.Wire.ItemAvailabilityRequest),
            ManagerJson.Wire.ItemAvailabilityView, cancellationToken, Guid.NewGuid().ToString("N"));

    internal Task<Answer<T>> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, type, cancellationToken);

    /// <summary>
    /// Sends a call of the manager's (or the cash) screens; with no type, a 2xx answers true (a 204 has no body). A
    /// command is sent with its <paramref name="idempotencyKey"/>, made once per tap by the caller.
    /// </summary>
    internal async Task<Answer<T>> SendAsync<T>(
        HttpMethod method, string path, HttpContent? body, JsonTypeInfo<T>? type, CancellationToken cancellationToken, string? idempotencyKey = null,
        string? approvalPin = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        if (approvalPin is not null)
        {
            request.Headers.Add(Pos.Client.StoreDevice.ApprovalHeader, approvalPin);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return new(default, "The appliance cannot be reached: check the Wi-Fi.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(default, "The appliance did not answer in time: check the Wi-Fi and try again.");
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return type is null
                        ? new((T)(object)true, null)
                        : new(await response.Content.ReadFromJsonAsync(type, cancellationToken), null);
                }
                catch (JsonException e)
                {
                    return new(default, $"The appliance's answer could not be read ({e.Message}).");
                }
            }
            var refusal = await ApplianceProblem.ReadAsync(response, null, cancellationToken);
            return new(default, Said(response.StatusCode, refusal), (int)response.StatusCode)
            {
                Refusal = refusal,
                ProblemDocument = await DocumentAsync(response.Content, cancellationToken),
            };
        }
    }

    /// <summary>The problem's JSON (its content is buffered: read again), or null when it is none.</summary>
    private static async Task<JsonElement?> DocumentAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            using var document = JsonDocument.Parse(await content.ReadAsStringAsync(cancellationToken));
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The start of what a refused manager screen says, so the screen can tell a refusal from other problems.</summary>
    public const string NeedsAManager = "Needs a manager";

    /// <summary>A refusal in words: a missing permission says who may do it and which permission is missing.</summary>
    private static string Said(HttpStatusCode status, ApplianceProblem refusal) => status switch
    {
        HttpStatusCode.Unauthorized => "The appliance does not know this phone (any more): pair it again.",
        // A refused approval PIN says its own words; any other refusal is for want of a permission.
        HttpStatusCode.Forbidden when refusal.Code is "pin-invalid" or "approver-not-manager" => refusal.Detail,
        HttpStatusCode.Forbidden =>
            $"{NeedsAManager}: this phone's role may not do this{(refusal.Permission is null ? "" : $" ({refusal.Permission})")}. " +
            "Ask a manager to sign in on this phone with their PIN, or use a manager's phone.",
        _ => refusal.Detail,
    };
}
