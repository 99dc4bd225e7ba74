using System.Text.Json;
using System.Text.Json.Serialization;
using Pos.Client.Outbox;
using Pos.Contracts.Devices;
using Pos.Contracts.Sync;

namespace Pos.StaffApp;

/// <summary>
/// The app's own JSON (pairing, sync status, the outbox rows it keeps in IndexedDB): the web defaults (camelCase) and
/// source-generated metadata, so the trimmed app needs no reflection over these types. Orders and the menu are read
/// through the client library's <c>WireJson</c>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SyncStatusResponse))]
[JsonSerializable(typeof(PairDeviceRequest))]
[JsonSerializable(typeof(PairedDevice))]
[JsonSerializable(typeof(QueuedCommand))]
[JsonSerializable(typeof(Pos.Contracts.Staff.ShiftView))]
public sealed partial class StaffAppJson : JsonSerializerContext;
