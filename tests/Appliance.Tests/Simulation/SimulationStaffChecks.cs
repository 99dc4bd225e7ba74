using System.Text.Json;
using Pos.Appliance.Tests.Staff;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// The people's invariants after a seed: every event a device wrote while a person was signed in on it carries that
/// person; an approved void records the manager; no card number is anywhere in the journal; the daily report's labour
/// is what the clock events say.
/// </summary>
internal static class SimulationStaffChecks
{
    public static async Task CheckAsync(SimulationFixture fixture, SimulationWorld world, SimulatedStaff staff, List<JsonElement> journal, long before)
    {
        CheckSessions(staff, journal);
        CheckApprovals(staff, journal);
        CheckCards(world, journal);
        await CheckLabourAsync(fixture, journal, before);
    }

    private static void CheckSessions(SimulatedStaff staff, List<JsonElement> journal)
    {
        Assert.Equal(staff.Sessions.Count, journal.Count(e => Type(e) == "StaffSignedIn"));
        foreach (var session in staff.Sessions)
        {
            var device = session.Device.Id;
            var person = session.Person.EmployeeId;
            var signedIn = journal.Single(e => Type(e) == "StaffSignedIn" && Data(e, "deviceId") == device && Data(e, "employeeId") == person);
            var sessionId = Data(signedIn, "sessionId");
            // Ended by the sign-out, or by the device's revocation; until then the device's every event is the person's too.
            var ended = journal.FirstOrDefault(e => (Type(e) == "StaffSignedOut" && Data(e, "sessionId") == sessionId)
                || (Type(e) == "DeviceRevoked" && Data(e, "deviceId") == device));
            var from = Seq(signedIn);
            var until = ended.ValueKind == JsonValueKind.Object ? Seq(ended) : long.MaxValue;
            var during = journal.Where(e => Seq(e) > from && Seq(e) < until && e.Text("deviceId") == device).ToList();
            Assert.All(during, e => Assert.True(e.Text("employeeId") == person,
                $"{Type(e)} (seq {Seq(e)}) written by {device} while {person} was signed in on it carries employee '{e.Text("employeeId")}'"));
        }
        // A device nobody signed in on this seed acted as itself throughout.
        var signedInOn = staff.Sessions.Select(s => s.Device.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(journal.Where(e => e.Text("deviceId") is { } d && !signedInOn.Contains(d) && d.StartsWith("sim-", StringComparison.Ordinal)),
            e => Assert.True(e.Text("employeeId") is null, $"{Type(e)} (seq {Seq(e)}) of {e.Text("deviceId")} names employee {e.Text("employeeId")}, though nobody was signed in there"));
    }

    private static void CheckApprovals(SimulatedStaff staff, List<JsonElement> journal)
    {
        foreach (var approval in staff.Approvals)
        {
            var voided = journal.Single(e => Type(e) == "LineVoided" && Data(e, "lineId") == approval.LineId.ToString());
            Assert.Equal((approval.DeviceId, approval.EmployeeId, approval.ManagerId), (voided.Text("deviceId"), voided.Text("employeeId"), voided.Text("approvedBy")));
            // The same void without the approval was refused first, and the refusal journaled.
            Assert.Contains(journal, e => Type(e) == "PermissionRefused" && Seq(e) < Seq(voided) && e.Text("deviceId") == approval.DeviceId
                && Data(e, "permission") == "lines.void-fired");
        }
    }

    private static void CheckCards(SimulationWorld world, List<JsonElement> journal)
    {
        var forms = world.Cards.SelectMany(c => new[] { c, new string([.. c.Where(char.IsAsciiDigit)]) }).Distinct().ToList();
        foreach (var e in journal)
        {
            var text = e.GetRawText();
            Assert.All(forms, card => Assert.False(text.Contains(card, StringComparison.Ordinal), $"a card number is in the journal at seq {Seq(e)}"));
        }
    }

    /// <summary>For each person and date this seed's clock events touched, the daily report's labour matches the tally of every clock event so far.</summary>
    private static async Task CheckLabourAsync(SimulationFixture fixture, List<JsonElement> journal, long before)
    {
        var tally = fixture.Labour;
        if (tally.ThroughSeq < before)
        {
            // A seed that failed before its check: its clock events are read now.
            for (var after = tally.ThroughSeq; after < before;)
            {
                var page = await fixture.Admin.GetJsonAsync($"/api/v1/journal?after={after}&limit=1000");
                var events = page.GetProperty("events").EnumerateArray().Where(e => Seq(e) <= before).ToList();
                if (events.Count == 0)
                {
                    break;
                }
                events.ForEach(e => tally.Add(e));
                after = Seq(events[^1]);
            }
        }
        var touched = journal.Select(tally.Add).OfType<(DateOnly, string)>().Distinct().ToList();
        tally.ThroughSeq = journal.Count > 0 ? Seq(journal[^1]) : before;
        foreach (var date in touched.Select(t => t.Item1).Distinct())
        {
            var report = await fixture.Admin.GetJsonAsync($"/api/v1/reports/daily?businessDate={date:yyyy-MM-dd}");
            var labour = report.GetProperty("labour").EnumerateArray().ToDictionary(l => l.Text("employeeId")!, StringComparer.Ordinal);
            foreach (var (_, employeeId) in touched.Where(t => t.Item1 == date))
            {
                var expected = tally.Of(date, employeeId);
                Assert.True(labour.TryGetValue(employeeId, out var row), $"{employeeId} clocked on {date} is not in the day's labour");
                Assert.Equal((expected.Shifts, expected.Minutes, expected.ClockedIn),
                    (row.GetProperty("shifts").GetInt32(), row.GetProperty("minutesWorked").GetInt64(), row.GetProperty("clockedIn").GetBoolean()));
            }
        }
    }

    private static string? Type(JsonElement e) => e.Text("type");

    private static long Seq(JsonElement e) => e.GetProperty("seq").GetInt64();

    private static string? Data(JsonElement e, string property) =>
        e.GetProperty("data") is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(property, out var value) ? value.ToString() : null;
}

/// <summary>
/// Each person's shifts and whole minutes per business date, from the clock events: a clock-in opens a shift on its
/// date, a clock-out closes it on the clock-out's date and adds its whole minutes there.
/// </summary>
internal sealed class LabourTally
{
    private readonly Dictionary<(DateOnly Date, string EmployeeId), (HashSet<string> Open, HashSet<string> Closed, long Minutes)> _days = [];

    /// <summary>The seq through which the journal's clock events are counted.</summary>
    public long ThroughSeq { get; set; }

    /// <summary>Counts a clock event; the date and person it touched, or null for any other event.</summary>
    public (DateOnly, string)? Add(JsonElement e)
    {
        var type = e.Text("type");
        if (type is not ("ClockedIn" or "ClockedOut"))
        {
            return null;
        }
        var data = e.GetProperty("data");
        var key = (DateOnly.Parse(e.Text("businessDate")!, System.Globalization.CultureInfo.InvariantCulture), data.Text("employeeId")!);
        var day = _days.TryGetValue(key, out var known) ? known : ([], [], 0L);
        var shift = data.Text("shiftId")!;
        if (type == "ClockedIn")
        {
            day.Open.Add(shift);
        }
        else
        {
            day.Open.Remove(shift);
            if (day.Closed.Add(shift))
            {
                day.Minutes += (long)Math.Floor((data.GetProperty("outAt").GetDateTimeOffset() - data.GetProperty("inAt").GetDateTimeOffset()).TotalMinutes);
            }
        }
        _days[key] = day;
        return key;
    }

    public (int Shifts, long Minutes, bool ClockedIn) Of(DateOnly date, string employeeId) =>
        _days.TryGetValue((date, employeeId), out var day) ? (day.Open.Count + day.Closed.Count, day.Minutes, day.Open.Count > 0) : (0, 0, false);
}
