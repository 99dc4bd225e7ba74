using System.Text.Json;
using System.Text.Json.Serialization;
using Pos.Client.Outbox;
using Pos.Contracts.Devices;
using Pos.Contracts.Sync;

namespace Pos.StaffApp;

/// <summary>
/// How the app reads the appliance's JSON: the web defaults (camelCase), enums by their kebab-case wire names, and
/// source-generated metadata, so the trimmed app needs no reflection over these types.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SyncStatusResponse))]
[JsonSerializable(typeof(PairDeviceRequest))]
[JsonSerializable(typeof(PairedDevice))]
[JsonSerializable(typeof(QueuedCommand))]
public sealed partial class StaffAppJson : JsonSerializerContext
{
    /// <summary>The options every read of an answer uses.</summary>
    public static JsonSerializerOptions Wire { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = Default,
        Converters =
        {
            new JsonStringEnumConverter<Contracts.Orders.Channel>(JsonNamingPolicy.KebabCaseLower),
            new JsonStringEnumConverter<Contracts.Orders.OrderStatus>(JsonNamingPolicy.KebabCaseLower),
        },
    };
}
