using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Pos.Contracts.Menu;
using Pos.Contracts.Orders;
using Pos.Contracts.Printers;
using Pos.Contracts.Printing;
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

    /// <summary>
    /// New options with the web defaults and every enum of the wire by its kebab-case name, for a source-generated
    /// context of the caller's own (<c>new MyContext(WireJson.NewOptions())</c>): the generated context alone does
    /// not know the enums' wire names.
    /// </summary>
    public static JsonSerializerOptions NewOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(Kebab<Channel>());
        options.Converters.Add(Kebab<Tender>());
        options.Converters.Add(Kebab<OrderStatus>());
        options.Converters.Add(Kebab<LineStatus>());
        options.Converters.Add(Kebab<PrinterHealth>());
        options.Converters.Add(Kebab<PrintJobStatus>());
        options.Converters.Add(Kebab<EscPosCodePage>());
        options.Converters.Add(Kebab<PrintConfirmation>());
        options.Converters.Add(Kebab<CheckKind>());
        options.Converters.Add(Kebab<CheckMove>());
        return options;
    }

    private static JsonStringEnumConverter<T> Kebab<T>() where T : struct, Enum =>
        new(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

    private static JsonSerializerOptions Create()
    {
        var options = NewOptions();
        options.TypeInfoResolver = WireContext.Default;
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
[JsonSerializable(typeof(FireRequest))]
[JsonSerializable(typeof(VoidLineRequest))]
[JsonSerializable(typeof(AddPaymentRequest))]
[JsonSerializable(typeof(PrintCheckRequest))]
[JsonSerializable(typeof(MoveLinesRequest))]
[JsonSerializable(typeof(MergeOrderRequest))]
[JsonSerializable(typeof(SplitOrderRequest))]
[JsonSerializable(typeof(TransferOrderRequest))]
[JsonSerializable(typeof(CarryOverRequest))]
[JsonSerializable(typeof(CloseWithReasonRequest))]
[JsonSerializable(typeof(OrderSetResponse))]
[JsonSerializable(typeof(OpenOrdersResponse))]
[JsonSerializable(typeof(CommandBatchRequest))]
[JsonSerializable(typeof(CommandBatchResponse))]
[JsonSerializable(typeof(VoidLinePayload))]
[JsonSerializable(typeof(ApplyDiscountRequest))]
[JsonSerializable(typeof(RefundRequest))]
[JsonSerializable(typeof(AdjustTipRequest))]
[JsonSerializable(typeof(TipPayload))]
[JsonSerializable(typeof(RemoveDiscountPayload))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Pos.Contracts.Journal.JournalEventResponse))]
[JsonSerializable(typeof(Pos.Contracts.Problems.ProblemDetails))]
[JsonSerializable(typeof(Pos.Contracts.Staff.StartStaffSessionRequest))]
[JsonSerializable(typeof(Pos.Contracts.Staff.StaffSessionStarted))]
[JsonSerializable(typeof(Pos.Client.Staff.StaffSessionsDocument))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class WireContext : JsonSerializerContext;

/// <summary>The payload of void-line in a batch: the route's body and the line it names.</summary>
internal sealed record VoidLinePayload(Guid LineId, string Reason);

/// <summary>The payload of tip in a batch: the route's body and the payment it names.</summary>
internal sealed record TipPayload(Guid PaymentId, long TipMinor);

/// <summary>The payload of remove-discount in a batch: the discount the route names.</summary>
internal sealed record RemoveDiscountPayload(Guid DiscountId);
