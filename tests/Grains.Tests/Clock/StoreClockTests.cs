using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Pos.Grains.Clock;

namespace Pos.Grains.Tests.Clock;

public sealed class StoreClockTests
{
    private static readonly TimeSpan FourAm = TimeSpan.FromHours(4);

    [Theory]
    [InlineData("2026-11-26T08:59:00Z", "2026-11-25")] // 03:59 EST on the 26th: still the 25th's service
    [InlineData("2026-11-26T09:00:00Z", "2026-11-26")] // 04:00 EST: a new business day
    [InlineData("2026-11-26T05:00:00Z", "2026-11-25")] // local midnight belongs to the evening before
    [InlineData("2026-11-27T04:59:00Z", "2026-11-26")] // 23:59 EST on the 26th
    [InlineData("2026-11-26T10:00:00+01:00", "2026-11-26")] // 04:00 EST, given with another offset
    [InlineData("2026-11-26T09:59:00+01:00", "2026-11-25")] // 03:59 EST, given with another offset
    public void BusinessDateOf_TurnsOverAtDayStart_InNewYork(string instant, string expected)
    {
        var clock = Clock("America/New_York", FourAm);

        Assert.Equal(Date(expected), clock.BusinessDateOf(Instant(instant)));
    }

    [Theory]
    [InlineData("2026-03-08T06:59:00Z", "2026-03-07")] // 01:59 EST, before the clocks go forward
    [InlineData("2026-03-08T07:00:00Z", "2026-03-07")] // 03:00 EDT: 02:00-02:59 never happened
    [InlineData("2026-03-08T07:59:00Z", "2026-03-07")] // 03:59 EDT
    [InlineData("2026-03-08T08:00:00Z", "2026-03-08")] // 04:00 EDT; at a fixed -05:00 it would still be 03:00
    public void BusinessDateOf_FollowsLocalTime_WhenClocksGoForward(string instant, string expected)
    {
        var clock = Clock("America/New_York", FourAm);

        Assert.Equal(Date(expected), clock.BusinessDateOf(Instant(instant)));
    }

    [Theory]
    [InlineData("2026-11-01T05:30:00Z", "2026-10-31")] // 01:30 EDT, the first time
    [InlineData("2026-11-01T06:30:00Z", "2026-10-31")] // 01:30 EST, the second time
    [InlineData("2026-11-01T08:00:00Z", "2026-10-31")] // 03:00 EST; at a fixed -04:00 it would be 04:00
    [InlineData("2026-11-01T08:59:00Z", "2026-10-31")] // 03:59 EST
    [InlineData("2026-11-01T09:00:00Z", "2026-11-01")] // 04:00 EST
    public void BusinessDateOf_FollowsLocalTime_WhenClocksGoBack(string instant, string expected)
    {
        var clock = Clock("America/New_York", FourAm);

        Assert.Equal(Date(expected), clock.BusinessDateOf(Instant(instant)));
    }

    [Theory]
    [InlineData("2026-11-24T18:59:00Z", "2026-11-24")] // 03:59 JST on the 25th
    [InlineData("2026-11-24T19:00:00Z", "2026-11-25")] // 04:00 JST on the 25th
    [InlineData("2026-11-25T15:00:00Z", "2026-11-25")] // 00:00 JST on the 26th: still the 25th's service
    [InlineData("2026-11-25T18:59:00Z", "2026-11-25")] // 03:59 JST on the 26th
    [InlineData("2026-11-25T19:00:00Z", "2026-11-26")] // 04:00 JST on the 26th, though UTC still says the 25th
    public void BusinessDateOf_UsesTheStoreZone_EastOfUtc(string instant, string expected)
    {
        var clock = Clock("Asia/Tokyo", FourAm);

        Assert.Equal(Date(expected), clock.BusinessDateOf(Instant(instant)));
    }

    [Theory]
    [InlineData("2026-11-26T04:59:00Z", "2026-11-25")] // 23:59 EST on the 25th
    [InlineData("2026-11-26T05:00:00Z", "2026-11-26")] // 00:00 EST on the 26th
    [InlineData("2026-11-26T08:59:00Z", "2026-11-26")] // 03:59 EST on the 26th
    public void BusinessDateOf_IsTheCalendarDate_WhenDayStartsAtMidnight(string instant, string expected)
    {
        var clock = Clock("America/New_York", TimeSpan.Zero);

        Assert.Equal(Date(expected), clock.BusinessDateOf(Instant(instant)));
    }

    [Fact]
    public void TodayAndNow_FollowTheTimeProvider_InTheStoreZone()
    {
        var time = new FakeTimeProvider(Instant("2026-11-26T08:30:00Z"));
        var clock = new StoreClock(time, new StoreClockOptions { TimeZoneId = "America/New_York", DayStarts = FourAm });

        var now = clock.Now();
        var today = clock.Today();
        time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 3, 30, 0, TimeSpan.FromHours(-5)), now);
        Assert.Equal(TimeSpan.FromHours(-5), now.Offset);
        Assert.Equal(new DateOnly(2026, 11, 25), today);
        Assert.Equal(new DateOnly(2026, 11, 26), clock.Today());
        Assert.Equal(TimeSpan.FromHours(-5), clock.Now().Offset);
    }

    [Fact]
    public void Now_CarriesTheSummerOffset_AfterClocksGoForward()
    {
        var time = new FakeTimeProvider(Instant("2026-03-08T06:59:00Z"));
        var clock = new StoreClock(time, new StoreClockOptions { TimeZoneId = "America/New_York", DayStarts = FourAm });

        var before = clock.Now();
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromHours(-5), before.Offset);
        Assert.Equal(new TimeOnly(1, 59), TimeOnly.FromDateTime(before.DateTime));
        Assert.Equal(TimeSpan.FromHours(-4), clock.Now().Offset);
        Assert.Equal(new TimeOnly(3, 0), TimeOnly.FromDateTime(clock.Now().DateTime));
    }

    [Fact]
    public void Options_DefaultToADayStartOfFourInTheMorning()
    {
        var clock = new StoreClock(new FakeTimeProvider(), new StoreClockOptions { TimeZoneId = "Asia/Tokyo" });

        Assert.Equal(FourAm, clock.DayStarts);
        Assert.Equal("Asia/Tokyo", clock.Zone.Id);
    }

    [Theory]
    [InlineData("04:00", 4, 0)]
    [InlineData("4:30", 4, 30)]
    [InlineData("00:00", 0, 0)]
    [InlineData("23:59", 23, 59)]
    [InlineData("", 4, 0)]
    [InlineData("   ", 4, 0)]
    [InlineData(null, 4, 0)]
    public void ParseDayStarts_ReadsATimeOfDay_OrDefaultsToFour(string? text, int hours, int minutes)
    {
        Assert.Equal(new TimeSpan(hours, minutes, 0), StoreClockOptions.ParseDayStarts(text));
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("24:00")]
    [InlineData("04:60")]
    [InlineData("four")]
    [InlineData("4")]
    [InlineData("04:00:00")]
    public void ParseDayStarts_ThrowsFormat_WhenTextIsNotATimeOfDay(string text)
    {
        var thrown = Assert.Throws<FormatException>(() => StoreClockOptions.ParseDayStarts(text));

        Assert.Contains($"'{text}'", thrown.Message, StringComparison.Ordinal);
    }

    // Both cultures separate hours and minutes with '.', yet POS_DAY_STARTS is always written "HH:mm".
    [Theory]
    [InlineData("fi-FI")]
    [InlineData("da-DK")]
    public void ParseDayStarts_ReadsColonSeparatedTime_WhateverTheMachineCulture(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);

            Assert.Equal(new TimeSpan(4, 30, 0), StoreClockOptions.ParseDayStarts("04:30"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    private static StoreClock Clock(string zone, TimeSpan dayStarts) =>
        new(new FakeTimeProvider(), new StoreClockOptions { TimeZoneId = zone, DayStarts = dayStarts });

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
