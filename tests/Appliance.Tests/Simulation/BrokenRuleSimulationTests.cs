using Microsoft.Extensions.DependencyInjection;
using Pos.Grains.Journal;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>The simulation's appliance with a rule broken on purpose: moves and splits forget the order their lines left.</summary>
public sealed class BrokenMoveSimulationFixture : SimulationFixture
{
    public BrokenMoveJournal? Journal { get; private set; }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IJournalStreams>(sp => Journal = new BrokenMoveJournal(sp.GetRequiredService<IJournal>()));
}

/// <summary>
/// The simulation catches a broken rule: the same seeds as <see cref="SimulationTests"/>, on an appliance whose moves
/// and splits leave their lines on the order they left (<see cref="BrokenMoveJournal"/>). The first seed that writes
/// such a move must fail, and its failure names the seed to replay; every seed before it, which broke nothing, passes.
/// </summary>
public sealed class BrokenRuleSimulationTests(BrokenMoveSimulationFixture fixture) : IClassFixture<BrokenMoveSimulationFixture>
{
    private const int MostSeeds = 40;

    [Fact]
    public async Task A_move_that_leaves_its_lines_on_the_order_they_left_is_caught_by_the_first_seed_that_makes_one()
    {
        var run = new SimulationTests(fixture);
        for (var seed = 1; seed <= MostSeeds; seed++)
        {
            var brokenBefore = fixture.Journal!.Broken;
            SimulationTests.SimulationFailure? caught = null;
            try
            {
                await run.Devices_on_shared_orders_end_in_a_state_the_journal_explains(seed);
            }
            catch (SimulationTests.SimulationFailure failure)
            {
                caught = failure;
            }
            if (fixture.Journal.Broken == brokenBefore)
            {
                Assert.True(caught is null, $"seed {seed} broke no move and still failed: {caught?.Message}");
                continue;
            }
            Assert.True(caught is not null, $"seed {seed} wrote {fixture.Journal.Broken - brokenBefore} broken move(s) and the simulation did not see it");
            Assert.Contains($"Replay: POS_SIM_SEED={seed} ", caught.Message, StringComparison.Ordinal);
            return;
        }
        Assert.Fail($"none of the first {MostSeeds} seeds made a move or a split: the simulation draws them too rarely to be caught");
    }
}
