using System.Text.Json;
using System.Text.Json.Serialization;
using Pos.Client.Http;
using Pos.Contracts.Devices;
using Pos.Contracts.Printers;
using Pos.Contracts.Reports;
using Pos.Contracts.Sync;

namespace Pos.StaffApp.Manager;

/// <summary>
/// The wire records the manager screen reads and writes (Contracts' own types), with metadata generated at build time
/// so the trimmed app needs no reflection over them; enums by their kebab-case wire names, as the appliance writes them.
/// A context of its own, beside the app's, so the manager screen stays one folder.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PrinterList))]
[JsonSerializable(typeof(PrinterRequest))]
[JsonSerializable(typeof(PrinterConfig))]
[JsonSerializable(typeof(PrintJobList))]
[JsonSerializable(typeof(PrintJobView))]
[JsonSerializable(typeof(SyncStatusResponse))]
[JsonSerializable(typeof(DeviceList))]
[JsonSerializable(typeof(CreatePairingCodeRequest))]
[JsonSerializable(typeof(PairingCodeIssued))]
[JsonSerializable(typeof(DailyReport))]
[JsonSerializable(typeof(Pos.Contracts.Orders.OpenOrdersResponse))]
[JsonSerializable(typeof(Pos.Contracts.Orders.OrderSetResponse))]
[JsonSerializable(typeof(Pos.Contracts.Orders.OrderView))]
[JsonSerializable(typeof(Pos.Contracts.Orders.CarryOverRequest))]
[JsonSerializable(typeof(Pos.Contracts.Orders.CloseWithReasonRequest))]
[JsonSerializable(typeof(Pos.Contracts.Problems.ProblemDetails))]
[JsonSerializable(typeof(Pos.Contracts.Staff.EmployeeList))]
[JsonSerializable(typeof(Pos.Contracts.Staff.EmployeeView))]
[JsonSerializable(typeof(Pos.Contracts.Staff.SaveEmployeeRequest))]
[JsonSerializable(typeof(Pos.Contracts.Menu.ItemAvailabilityRequest))]
[JsonSerializable(typeof(Pos.Contracts.Menu.ItemAvailabilityView))]
public sealed partial class ManagerJson : JsonSerializerContext
{
    /// <summary>
    /// The context every manager call uses: the generated metadata under options that know the enums' wire names
    /// (the generated <c>Default</c> alone reads <c>"online"</c> as no enum value).
    /// </summary>
    public static ManagerJson Wire { get; } = new(WireJson.NewOptions());
}
