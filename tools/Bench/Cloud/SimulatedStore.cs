using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Pos.Contracts.Journal;
using Pos.Contracts.Sync;

namespace Pos.Bench.Cloud;

/// <summary>
/// A restaurant's journal, made up ahead of the run: a few orders open at once on a few devices, each opened, rung up,
/// fired, paid and closed, over business days of <see cref="EventsPerDay"/> events.
/// </summary>
internal sealed class SimulatedStore
{
    public const int EventsPerDay = 600;

    private static readonly DateOnly FirstDay = new(2026, 11, 2);
    private static readonly string[] Devices = ["pos-1", "pos-2", "handheld-1", "handheld-2"];
    private static readonly string[] Servers = ["emp-0007", "emp-0012", "emp-0031", "emp-0042", "emp-0058"];

    private static readonly (string Id, string Name, int PriceMinor, string Station)[] Items =
    [
        ("burger-classic", "Classic Burger", 1250, "kitchen"),
        ("burger-mushroom", "Mushroom Swiss Burger", 1450, "kitchen"),
        ("fries-large", "Fries (large)", 550, "kitchen"),
        ("salad-caesar", "Caesar Salad", 1100, "kitchen"),
        ("soup-day", "Soup of the Day", 750, "kitchen"),
        ("ipa-pint", "House IPA (pint)", 800, "bar"),
        ("lemonade", "Fresh Lemonade", 450, "bar"),
        ("espresso", "Double Espresso", 375, "bar"),
    ];

    private static readonly (string Id, string Name, int PriceMinor)[] Modifiers =
    [
        ("no-onion", "No onion", 0), ("extra-cheese", "Extra cheese", 150), ("gluten-free-bun", "Gluten-free bun", 200),
        ("side-salad", "Side salad instead of fries", 100), ("no-ice", "No ice", 0),
    ];

    private static readonly string[] Notes = ["", "", "", "medium rare", "allergy: peanuts", "bring with mains", "birthday, candle please"];

    private SimulatedStore(string storeId, JournalEntry[] rows)
    {
        StoreId = storeId;
        Rows = rows;
    }

    public string StoreId { get; }

    /// <summary>Seq n is Rows[n - 1].</summary>
    public JournalEntry[] Rows { get; }

    /// <summary>The HMAC key the cloud gave at registration.</summary>
    public byte[] Secret { get; set; } = [];

    /// <summary>A store whose journal was made elsewhere; seq n is <paramref name="rows"/>[n - 1] (null for seqs never sent from here).</summary>
    public static SimulatedStore Of(string storeId, JournalEntry[] rows) => new(storeId, rows);

    public static SimulatedStore Create(string storeId, int events, int seed)
    {
        var random = new Random(seed);
        var rows = new JournalEntry[events];
        var open = new List<Order>();
        var versions = new Dictionary<string, int>();
        for (var i = 0; i < events; i++)
        {
            var day = FirstDay.AddDays(i / EventsPerDay);
            var occurredAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero).AddSeconds((i % EventsPerDay) * 40 + random.Next(40));
            // Up to four orders open at once; a new one opens when fewer are open, or now and then anyway.
            Order order;
            if (open.Count == 0 || (open.Count < 4 && random.Next(3) == 0))
            {
                order = new Order(Guid.CreateVersion7(occurredAt), Devices[random.Next(Devices.Length)], Servers[random.Next(Servers.Length)], random.Next(2, 7));
                open.Add(order);
            }
            else
            {
                order = open[random.Next(open.Count)];
            }

            var (type, data) = order.Next(random, occurredAt);
            if (order.Closed)
            {
                open.Remove(order);
            }

            var streamId = $"order-{order.Id}";
            var version = versions[streamId] = versions.GetValueOrDefault(streamId) + 1;
            rows[i] = new JournalEntry(i + 1, Guid.CreateVersion7(occurredAt), streamId, version, type, occurredAt, order.Device, day, data);
        }

        return new SimulatedStore(storeId, rows);
    }

    /// <summary>The JSON body of a batch: the events from seq <paramref name="fromSeq"/> on, at most <paramref name="count"/>.</summary>
    public byte[] Body(long fromSeq, int count) =>
        JournalBatch.Write(Rows.Skip((int)fromSeq - 1).Take(count), headSeq: null);

    /// <summary>The X-Pos-Signature header of a body, signed with the store's secret.</summary>
    public string Sign(byte[] body, DateTimeOffset at) => BatchSignature.Sign(Secret, at, body);

    /// <summary>One check from open to close; each call writes its next event.</summary>
    private sealed class Order(Guid id, string device, string server, int lineCount)
    {
        private readonly List<(Guid LineId, int PriceMinor, string Station)> _lines = [];
        private int _step;

        public Guid Id { get; } = id;
        public string Device { get; } = device;
        public bool Closed { get; private set; }

        public (string Type, string Data) Next(Random random, DateTimeOffset at)
        {
            var buffer = new ArrayBufferWriter<byte>(512);
            string type;
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("orderId", Id);
                var step = _step++;
                if (step == 0)
                {
                    type = "OrderOpened";
                    var dineIn = random.Next(4) > 0;
                    json.WriteString("kind", dineIn ? "dine-in" : "takeout");
                    json.WriteString("table", dineIn ? $"T{random.Next(1, 40)}" : "");
                    json.WriteNumber("guests", dineIn ? random.Next(1, 7) : 1);
                    json.WriteString("serverId", server);
                    json.WriteString("deviceId", Device);
                    json.WriteString("openedAt", at);
                    json.WriteString("channel", dineIn ? "floor" : random.Next(2) == 0 ? "phone" : "online");
                    json.WriteString("note", Notes[random.Next(Notes.Length)]);
                }
                else if (step <= lineCount)
                {
                    type = "LineAdded";
                    var item = Items[random.Next(Items.Length)];
                    var lineId = Guid.CreateVersion7(at);
                    var quantity = random.Next(1, 4);
                    _lines.Add((lineId, item.PriceMinor * quantity, item.Station));
                    json.WriteString("lineId", lineId);
                    json.WriteString("itemId", item.Id);
                    json.WriteString("name", item.Name);
                    json.WriteNumber("quantity", quantity);
                    json.WriteNumber("unitPriceMinor", item.PriceMinor);
                    json.WriteNumber("taxRateBp", 825);
                    json.WriteString("station", item.Station);
                    json.WriteStartArray("modifiers");
                    if (random.Next(3) == 0)
                    {
                        var modifier = Modifiers[random.Next(Modifiers.Length)];
                        json.WriteStartObject();
                        json.WriteString("id", modifier.Id);
                        json.WriteString("name", modifier.Name);
                        json.WriteNumber("priceMinor", modifier.PriceMinor);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteString("note", Notes[random.Next(Notes.Length)]);
                }
                else if (step == lineCount + 1)
                {
                    type = "OrderFired";
                    json.WriteStartArray("lineIds");
                    foreach (var line in _lines.Take(4))
                    {
                        json.WriteStringValue(line.LineId);
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("stations");
                    foreach (var station in _lines.Select(l => l.Station).Distinct())
                    {
                        json.WriteStringValue(station);
                    }

                    json.WriteEndArray();
                    json.WriteNumber("course", 1);
                    json.WriteString("firedBy", server);
                }
                else if (step == lineCount + 2)
                {
                    type = "PaymentTaken";
                    var amount = Total();
                    json.WriteString("paymentId", Guid.CreateVersion7(at));
                    json.WriteString("method", random.Next(5) == 0 ? "cash" : "card");
                    json.WriteNumber("amountMinor", amount);
                    json.WriteNumber("tipMinor", amount * random.Next(0, 25) / 100);
                    json.WriteString("currency", "USD");
                    json.WriteString("cardBrand", random.Next(2) == 0 ? "visa" : "mastercard");
                    json.WriteString("last4", random.Next(10000).ToString("D4", CultureInfo.InvariantCulture));
                    json.WriteString("authCode", Convert.ToHexString(BitConverter.GetBytes(random.Next())));
                    json.WriteString("terminalId", "pin-02");
                }
                else
                {
                    type = "OrderClosed";
                    var subtotal = Total();
                    json.WriteNumber("subtotalMinor", subtotal);
                    json.WriteNumber("taxMinor", subtotal * 825 / 10000);
                    json.WriteNumber("totalMinor", subtotal + (subtotal * 825 / 10000));
                    json.WriteString("currency", "USD");
                    json.WriteNumber("lineCount", _lines.Count);
                    json.WriteString("closedBy", server);
                    json.WriteString("closedAt", at);
                    Closed = true;
                }

                json.WriteEndObject();
            }

            return (type, Encoding.UTF8.GetString(buffer.WrittenSpan));
        }

        private int Total() => _lines.Sum(l => l.PriceMinor);
    }
}
