using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Pos.Contracts.Menu;
using Pos.Contracts.Orders;
using Pos.Contracts.Sync;

namespace Pos.Client.Http;

/// <summary>
/// The appliance's JSON as the client reads and writes it: camelCase, enums by their wire names, answers read
/// leniently (they may gain fields). Metadata is generated at build time, so it survives the staff app's trimming.
/// </summary>
public static class WireJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The serialisation metadata of <typeparamref name="T"/>, one of the wire types the client speaks.</summary>
    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = WireContext.Default };
        options.Converters.Add(new JsonStringEnumConverter<Channel>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter<Tender>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter<OrderStatus>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter<LineStatus>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }
}

[JsonSerializable(typeof(MenuView))]
[JsonSerializable(typeof(OrderView))]
[JsonSerializable(typeof(List<OrderView>))]
[JsonSerializable(typeof(OrderList))]
[JsonSerializable(typeof(OpenOrderRequest))]
[JsonSerializable(typeof(AddLineRequest))]
[JsonSerializable(typeof(VoidLineRequest))]
[JsonSerializable(typeof(AddPaymentRequest))]
[JsonSerializable(typeof(CommandBatchRequest))]
[JsonSerializable(typeof(CommandBatchResponse))]
[JsonSerializable(typeof(VoidLinePayload))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Pos.Contracts.Journal.JournalEventResponse))]
[JsonSerializable(typeof(Pos.Contracts.Problems.ProblemDetails))]
internal sealed partial class WireContext : JsonSerializerContext;

/// <summary>The payload of void-line in a batch: the route's body and the line it names.</summary>
internal sealed record VoidLinePayload(Guid LineId, string Reason);
