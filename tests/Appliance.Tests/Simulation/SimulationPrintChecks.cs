using System.Text.Json;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// The guest checks and receipts of a seed (docs/CONFLICTS.md, R rows): each print recorded on its order is one print
/// job queued in the same transaction (the seq right after it) for the receipt printer, of its kind; no job of a check
/// or a receipt is queued without its record; an order's first check, and its first receipt, is never a COPY.
/// </summary>
internal static class SimulationPrintChecks
{
    public static void Check(List<JsonElement> journal)
    {
        var printed = journal.Where(e => Type(e) == "CheckPrinted").ToList();
        var jobs = journal.Where(e => Type(e) == "PrintJobQueued" && Data(e).GetProperty("reason").GetString() is "guest-check" or "receipt").ToList();
        Assert.Equal(printed.Count, jobs.Count);
        foreach (var record in printed)
        {
            var data = Data(record);
            var job = Assert.Single(jobs, j => Data(j).GetProperty("jobId").GetGuid() == data.GetProperty("jobId").GetGuid());
            Assert.Equal(Seq(record) + 1, Seq(job));
            Assert.Equal(data.GetProperty("kind").GetString() == "receipt" ? "receipt" : "guest-check", Data(job).GetProperty("reason").GetString());
        }
        foreach (var order in printed.GroupBy(e => (e.GetProperty("streamId").GetString(), Data(e).GetProperty("kind").GetString())))
        {
            var first = order.MinBy(Seq);
            Assert.False(Data(first).GetProperty("copy").GetBoolean(), $"the first {order.Key.Item2} of {order.Key.Item1} says COPY");
        }
    }

    private static string? Type(JsonElement e) => e.GetProperty("type").GetString();

    private static JsonElement Data(JsonElement e) => e.GetProperty("data");

    private static long Seq(JsonElement e) => e.GetProperty("seq").GetInt64();
}
