using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;

namespace Pos.Cloud.Reports;

/// <summary>
/// Writes a store's daily report into an HQ answer as the JSON the cloud stored (store_day_figures.report, written by
/// the fold with the same names and shapes), instead of reading 2,000 reports into objects to write them out again.
/// <see cref="Stand"/> gives the object that stands for a stored report in the answer; <see cref="Options"/> are the
/// HTTP answers' options with the converter that writes it. Any other report is written as usual.
/// </summary>
public sealed class StoredReportJson
{
    private static readonly ConditionalWeakTable<DailyReport, byte[]> Stored = [];

    /// <summary>The options of the cloud's HTTP answers (<paramref name="http"/>), with the stored reports written as they are.</summary>
    public StoredReportJson(IOptions<JsonOptions> http)
    {
        var plain = http.Value.SerializerOptions;
        var options = new JsonSerializerOptions(plain);
        options.Converters.Add(new Converter(plain));
        options.MakeReadOnly(populateMissingResolver: true);
        Options = options;
    }

    /// <summary>The options to write an answer holding stored reports with.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>
    /// The stored reports' own options: the events' (EventJson) with the HTTP answers' escaping, so a stored report is
    /// the very text the answer would write for it.
    /// </summary>
    public static JsonSerializerOptions Writing { get; } = new(EventJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// An object standing for the stored report <paramref name="json"/> (its UTF-8 bytes, as PostgreSQL sent them) in
    /// an answer written with <see cref="Options"/>. It holds nothing else (its figures are zero): it is for that
    /// answer only, never to be read.
    /// </summary>
    public static DailyReport Stand(byte[] json)
    {
        var stand = new DailyReport
        {
            BusinessDate = default, Currency = "", OrdersClosed = 0, OrdersOpen = 0, GrossSalesMinor = 0, VoidsMinor = 0, NetSalesMinor = 0,
            TaxMinor = 0, TipsMinor = 0, Tenders = new TenderTotals(0, 0, 0), Items = [], ThroughSeq = 0,
        };
        Stored.Add(stand, json);
        return stand;
    }

    private sealed class Converter(JsonSerializerOptions plain) : JsonConverter<DailyReport>
    {
        public override DailyReport? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<DailyReport>(ref reader, plain);

        public override void Write(Utf8JsonWriter writer, DailyReport value, JsonSerializerOptions options)
        {
            if (Stored.TryGetValue(value, out var json))
            {
                writer.WriteRawValue(json, skipInputValidation: true);
            }
            else
            {
                JsonSerializer.Serialize(writer, value, plain);
            }
        }
    }
}
