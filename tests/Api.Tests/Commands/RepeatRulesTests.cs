using Pos.Api.Commands;
using Pos.Grains.Journal;

namespace Pos.Api.Tests.Commands;

/// <summary>The repeat rules as pure code: what is kept under a key and whether its first command still runs decide.</summary>
public sealed class RepeatRulesTests
{
    private static readonly byte[] Fingerprint = [1, 2, 3];

    private static KeptAnswer Kept(byte[] fingerprint) => new("key:till-1:k", fingerprint, "", 4, "applied");

    [Theory]
    [InlineData(CommandSource.Request)]
    [InlineData(CommandSource.DeviceQueue)]
    public void Nothing_kept_and_nothing_running_runs_the_command(CommandSource source) =>
        Assert.Equal(RepeatVerdict.FirstTime, RepeatRules.Judge(null, Fingerprint, firstStillRunning: false, source));

    [Theory]
    [InlineData(CommandSource.Request)]
    [InlineData(CommandSource.DeviceQueue)]
    public void The_same_command_again_is_a_repeat(CommandSource source) =>
        Assert.Equal(RepeatVerdict.Repeat, RepeatRules.Judge(Kept([1, 2, 3]), Fingerprint, firstStillRunning: false, source));

    [Theory]
    [InlineData(CommandSource.Request)]
    [InlineData(CommandSource.DeviceQueue)]
    public void Another_command_under_a_used_key_is_refused(CommandSource source)
    {
        Assert.Equal(RepeatVerdict.KeyReused, RepeatRules.Judge(Kept([1, 2, 4]), Fingerprint, firstStillRunning: false, source));
        Assert.Equal(RepeatVerdict.KeyReused, RepeatRules.Judge(Kept([1, 2]), Fingerprint, firstStillRunning: false, source));
    }

    [Fact]
    public void A_request_while_its_first_runs_is_told_to_retry_and_a_queued_command_waits_for_the_first()
    {
        Assert.Equal(RepeatVerdict.InFlight, RepeatRules.Judge(null, Fingerprint, firstStillRunning: true, CommandSource.Request));
        Assert.Equal(RepeatVerdict.WaitForFirst, RepeatRules.Judge(null, Fingerprint, firstStillRunning: true, CommandSource.DeviceQueue));
    }
}
