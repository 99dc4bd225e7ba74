using System.Text.Json;
using Pos.Contracts.Journal;
using Pos.Contracts.Menu;
using Pos.Contracts.Problems;
using Pos.Grains.Clock;
using Pos.Grains.Commands;
using Pos.Grains.Journal;

namespace Pos.Grains.Menu;

/// <summary>
/// Holds the menu in ADO.NET grain storage. The journal is written first; if the process dies before the
/// storage write, activation catches up from the journal's last MenuReplaced event.
/// </summary>
public sealed class MenuGrain(
    [PersistentState("menu", "menu")] IPersistentState<MenuState> state,
    IJournalStreams journal,
    StoreClock clock,
    MenuCatalog catalog) : Grain, IMenuGrain
{
    public const string StreamId = "menu";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var events = await journal.ReadStreamAsync(StreamId, cancellationToken);
        if (events.Count > 0 && events[^1].StreamVersion > state.State.Version)
        {
            var last = events[^1];
            var replaced = JsonSerializer.Deserialize<MenuReplaced>(last.Data, EventJson.Options)!;
            state.State = new MenuState
            {
                Version = last.StreamVersion,
                Currency = replaced.Currency,
                Items = [.. replaced.Items.Select(Stored)],
                UpdatedAt = last.OccurredAt,
                Categories = [.. replaced.Categories ?? []],
            };
            await state.WriteStateAsync(cancellationToken);
        }
        if (state.State.Version > 0)
        {
            Publish(View(state.State));
        }
    }

    // The availability (86) is read alongside, so the menu with its counts answers from memory while the database is
    // away; it reads the menu from the catalog just published, never back from this grain.
    private void Publish(MenuView view)
    {
        catalog.Publish(view);
        GrainFactory.GetGrain<IAvailabilityGrain>(IAvailabilityGrain.Key).Get().Ignore();
    }

    public Task<MenuView?> Get() => Task.FromResult(state.State.Version == 0 ? null : View(state.State));

    public async Task<MenuResult> Replace(MenuDefinition menu, CommandContext context)
    {
        if (context.ExpectedVersion is { } expected && expected != state.State.Version)
        {
            return new MenuResult(null, new CommandError(ErrorCodes.VersionMismatch,
                $"The menu is at version {state.State.Version}, not {expected}: read it again and send the change against its version."));
        }
        if (MenuRules.Check(menu) is { } invalid)
        {
            return new MenuResult(null, invalid);
        }
        var now = clock.Now();
        var next = new MenuState
        {
            Version = state.State.Version + 1,
            Currency = menu.Currency,
            Items = [.. menu.Items.Select(i => Stored(i with
            {
                Name = i.Name.Trim(),
                Station = i.Station.Trim(),
                ModifierGroups = (i.ModifierGroups ?? []).Select(g => g with
                {
                    Name = g.Name.Trim(),
                    Options = g.Options.Select(o => o with { Name = o.Name.Trim() }).ToArray(),
                }).ToArray(),
            }))],
            UpdatedAt = now,
            Categories = [.. (menu.Categories ?? []).Select(c => c with { Name = c.Name.Trim() })],
        };
        var view = View(next);
        var replaced = new MenuReplaced(next.Version, next.Currency, next.Items) { Categories = next.Categories };
        var append = new StreamAppend(
            StreamId, state.State.Version,
            [new NewEvent(Guid.CreateVersion7(), nameof(MenuReplaced), EventJson.Serialize(replaced))],
            now, context.DeviceId, BusinessDate: null, context.ResponseFor(view, view.Version)).By(context);

        var result = await journal.AppendOrReloadAsync(append, DeactivateOnIdle);
        if (result.Refusal() is { } refused)
        {
            return new MenuResult(null, refused);
        }
        if (result.Outcome != AppendOutcome.Appended)
        {
            return new MenuResult(null, new CommandError(ErrorCodes.VersionMismatch, "The menu changed meanwhile; send the change again."));
        }
        state.State = next;
        Publish(view);
        await state.WriteStateAsync();
        return new MenuResult(view, null);
    }

    /// <summary>
    /// The item as grain storage keeps it: its groups and their options in arrays, a type the storage's JSON names and
    /// reads back (the silo allows them, Appliance's SiloSetup), whatever list the item came in.
    /// </summary>
    private static MenuItem Stored(MenuItem item) => item with
    {
        ModifierGroups = (item.ModifierGroups ?? []).Select(g => g with { Options = g.Options.ToArray() }).ToArray(),
    };

    private static MenuView View(MenuState s) => new(s.Version, s.Currency, [.. s.Items], s.UpdatedAt) { Categories = [.. s.Categories ?? []] };
}
