using Pos.Appliance.Telemetry;

namespace Pos.Appliance.Tests.Telemetry;

/// <summary>Which console format the appliance writes: asked for, else journald's when systemd reads the output.</summary>
public sealed class ConsoleLoggingTests
{
    [Theory]
    [InlineData(null, null, "simple")]
    [InlineData(null, "8:123456", "systemd")] // systemd sets JOURNAL_STREAM for a unit whose output goes to journald
    [InlineData("json", "8:123456", "json")]
    [InlineData(" JSON ", null, "json")]
    [InlineData("simple", "8:123456", "simple")]
    [InlineData("systemd", null, "systemd")]
    public void The_format_is_the_one_asked_for_else_systemds_under_journald_else_one_simple_line(string? asked, string? journal, string expected) =>
        Assert.Equal(expected, ConsoleLogging.FormatOf(asked, journal));

    [Fact]
    public void An_unknown_format_is_refused_with_the_choices() =>
        Assert.Contains("simple, systemd or json", Assert.Throws<FormatException>(() => ConsoleLogging.FormatOf("xml", null)).Message, StringComparison.Ordinal);
}
