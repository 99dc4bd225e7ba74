using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pos.StaffApp.Cash;

/// <summary>The cash screens' JSON, generated at build time so the trimmed app needs no reflection over it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DrawerList))]
[JsonSerializable(typeof(DrawerRequest))]
[JsonSerializable(typeof(DrawerView))]
[JsonSerializable(typeof(DrawerSessionView))]
[JsonSerializable(typeof(DrawerSessionList))]
[JsonSerializable(typeof(OpenDrawerSessionRequest))]
[JsonSerializable(typeof(DrawerMovementRequest))]
[JsonSerializable(typeof(CloseDrawerSessionRequest))]
[JsonSerializable(typeof(DrawerKickRequest))]
[JsonSerializable(typeof(ZReport))]
[JsonSerializable(typeof(PrintZReportRequest))]
[JsonSerializable(typeof(PrintQueued))]
public sealed partial class CashJson : JsonSerializerContext;
