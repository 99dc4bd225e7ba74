using System.Text;
using Microsoft.Extensions.Time.Testing;
using Pos.Appliance.Sync;
using Pos.Contracts.Menu;

namespace Pos.Appliance.Tests.Sync.Cores;

/// <summary>The menu puller as pure code: a published menu is applied when newer, and the version is recorded.</summary>
public sealed class MenuPullerTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("store-secret-for-the-menu-tests");
    private static readonly MenuDefinition Burgers = new("USD", []);
    private readonly FakeCheckpoints _checkpoints = new();
    private readonly FakeCloud _cloud = new(Secret);
    private readonly FakeMenu _menu = new();
    private readonly MenuPuller _puller;

    public MenuPullerTests()
    {
        var time = new FakeTimeProvider(_cloud.Now);
        _puller = new MenuPuller(_cloud, _menu, _checkpoints, new CloudSigner(Secret, time), time);
    }

    [Fact]
    public async Task A_newer_published_menu_is_applied_and_its_version_recorded()
    {
        _cloud.MenuAnswer = new CloudReply.Menu(3, Burgers);

        Assert.Equal(new SyncOutcome.MenuPulled(3, 1, null), await _puller.PullAsync(CancellationToken.None));

        Assert.Equal([Burgers], _menu.Applied);
        Assert.Equal(3, _checkpoints.Row.MenuVersion);
        // The next question is for a menu after version 3.
        _cloud.MenuAnswer = new CloudReply.NoNewMenu();
        Assert.Equal(new SyncOutcome.MenuPulled(null, null, null), await _puller.PullAsync(CancellationToken.None));
        Assert.Equal([0, 3], _cloud.MenuAsks);
    }

    [Fact]
    public async Task A_menu_not_newer_than_the_applied_one_is_not_applied()
    {
        await _checkpoints.MenuPulledAsync(5, _cloud.Now, CancellationToken.None);
        _cloud.MenuAnswer = new CloudReply.Menu(5, Burgers);

        Assert.Equal(new SyncOutcome.MenuPulled(null, null, null), await _puller.PullAsync(CancellationToken.None));

        Assert.Empty(_menu.Applied);
    }

    [Fact]
    public async Task A_menu_the_store_refuses_is_recorded_as_pulled_so_the_refusal_is_not_repeated_and_is_said()
    {
        _cloud.MenuAnswer = new CloudReply.Menu(2, Burgers);
        _menu.Refusal = "item 'burger' has no price";

        var outcome = await _puller.PullAsync(CancellationToken.None);

        Assert.Equal(new SyncOutcome.MenuPulled(null, null, "The menu version 2 published in the cloud was refused: item 'burger' has no price"), outcome);
        Assert.Equal(2, _checkpoints.Row.MenuVersion);
    }

    [Fact]
    public async Task A_cloud_away_records_nothing()
    {
        _cloud.MenuAnswer = new CloudReply.Unavailable("The cloud at http://cloud cannot be reached: Connection refused");

        Assert.IsType<SyncOutcome.CloudFailed>(await _puller.PullAsync(CancellationToken.None));

        Assert.Null(_checkpoints.Row.MenuPulledAt);
    }
}
