using Pos.Contracts.Cloud;
using Pos.Contracts.Menu;

namespace Pos.Cloud.ChainMenus;

/// <summary>
/// The chain menu as of one version: the base menu (null before one is set), and the overrides of groups and of
/// stores by their ids. Immutable; a change makes another state.
/// </summary>
public sealed record ChainMenuState(
    int Version,
    DateTimeOffset? CreatedAt,
    MenuDefinition? Base,
    IReadOnlyDictionary<string, MenuOverride> Groups,
    IReadOnlyDictionary<string, MenuOverride> Stores)
{
    public const string BaseScope = "base";
    public const string GroupScope = "group";
    public const string StoreScope = "store";

    public static ChainMenuState Empty { get; } = new(0, null, null,
        new Dictionary<string, MenuOverride>(StringComparer.Ordinal), new Dictionary<string, MenuOverride>(StringComparer.Ordinal));

    /// <summary>The state with one piece set (null deletes an override).</summary>
    public ChainMenuState With(string scope, string scopeId, object? piece)
    {
        if (scope == BaseScope)
        {
            return this with { Base = (MenuDefinition?)piece };
        }
        var pieces = new Dictionary<string, MenuOverride>(scope == GroupScope ? Groups : Stores, StringComparer.Ordinal);
        if (piece is MenuOverride o)
        {
            pieces[scopeId] = o;
        }
        else
        {
            pieces.Remove(scopeId);
        }
        return scope == GroupScope ? this with { Groups = pieces } : this with { Stores = pieces };
    }

    public ChainMenu ToWire() => new(Version, CreatedAt, Base,
        [.. Groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new GroupMenuOverride(g.Key, g.Value))],
        [.. Stores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new StoreMenuOverride(s.Key, s.Value))]);
}

/// <summary>A group a store is in, as the chain menu orders the groups' overrides.</summary>
public sealed record StoreGroupRank(string GroupId, int Precedence);
