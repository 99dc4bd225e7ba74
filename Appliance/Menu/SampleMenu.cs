using System.Text.Json;
using Pos.Contracts.Menu;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Grains.Commands;
using Pos.Grains.Menu;

namespace Pos.Appliance.Menu;

/// <summary>
/// A menu for a store that has none yet: what <c>POS_SAMPLE_MENU</c> names (<c>./pos run</c> names the sample of
/// Appliance/Menu/sample-menu.json), so a newcomer can take an order and see a ticket at once. It is put in force only
/// while the store has no menu, under the condition that it still has none when the change lands (version 0), so a menu
/// someone set, here or in the cloud, is never replaced, and a second start changes nothing.
/// </summary>
public static class SampleMenu
{
    /// <summary>Reads a menu file: the body of PUT /api/v1/menu, read as strictly; a FormatException says what is wrong.</summary>
    public static MenuDefinition Read(string path)
    {
        MenuRequest? request;
        try
        {
            using var file = File.OpenRead(path);
            request = JsonSerializer.Deserialize<MenuRequest>(file, RequestJson.Options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"The menu file {path} cannot be read: {e.Message}", e);
        }
        catch (JsonException e)
        {
            var problem = RequestJson.Explain(e);
            throw new FormatException($"The menu file {path} is not a menu: {(problem.Field.Length > 0 ? problem.Field + ": " : "")}{problem.Detail}", e);
        }
        if (request is null)
        {
            throw new FormatException($"The menu file {path} holds null, not a menu.");
        }
        if (!request.TryToDefinition(out var menu, out var field, out var detail))
        {
            throw new FormatException($"The menu file {path} is not a menu: {field}: {detail}");
        }
        if (MenuRules.Check(menu) is { } invalid)
        {
            throw new FormatException($"The menu file {path} is not a menu: {invalid.Field}: {invalid.Detail}");
        }
        return menu;
    }

    /// <summary>Puts <paramref name="menu"/> in force if the store has no menu; otherwise leaves the store's menu as it is.</summary>
    public static async Task<SampleMenuOutcome> LoadAsync(IGrainFactory grains, MenuDefinition menu)
    {
        var grain = grains.GetGrain<IMenuGrain>(MenuGrainKey.Store);
        if (await grain.Get() is { } current)
        {
            return new SampleMenuOutcome(false, current.Version, current.Items.Count);
        }
        var result = await grain.Replace(menu, new CommandContext(DeviceIds.System, ExpectedVersion: 0));
        if (result.Menu is { } loaded)
        {
            return new SampleMenuOutcome(true, loaded.Version, loaded.Items.Count);
        }
        if (result.Error is { Code: ErrorCodes.VersionMismatch } && await grain.Get() is { } meanwhile)
        {
            return new SampleMenuOutcome(false, meanwhile.Version, meanwhile.Items.Count); // someone set a menu meanwhile
        }
        // The journal away is worth another try; any other refusal is the file's (said once, never retried).
        throw result.Error?.Code == ErrorCodes.JournalUnavailable
            ? new InvalidOperationException($"The store could not take the sample menu now: {result.Error.Detail}")
            : new FormatException($"The store refused the sample menu: {result.Error?.Code}: {result.Error?.Detail}");
    }
}

/// <summary>What <see cref="SampleMenu.LoadAsync"/> did: loaded the sample, or kept the store's menu; its version and item count.</summary>
public sealed record SampleMenuOutcome(bool Loaded, int Version, int Items);
