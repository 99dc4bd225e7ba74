using Pos.Contracts.Menu;

namespace Pos.Contracts.Cloud;

/// <summary>
/// PUT /cloud/v1/chain-menu/groups/{groupId}/override or /stores/{storeId}/override (HQ): what a group's or a store's
/// menu changes of the menu it is given. <c>items</c> changes an item's price or availability
/// (<c>available: false</c> leaves it off the store's menu, <c>true</c> puts back one an earlier override left off);
/// <c>added</c> are whole items (an item of the same id already on the menu is replaced); <c>removed</c> are item ids.
/// </summary>
public sealed record MenuOverrideRequest(
    IReadOnlyList<ItemOverrideRequest?>? Items = null,
    IReadOnlyList<MenuItemRequest>? Added = null,
    IReadOnlyList<string?>? Removed = null);

/// <summary>One item's change in an override: its price (minor units, 0 or more), its availability, or both.</summary>
public sealed record ItemOverrideRequest(string? Id, long? PriceMinor = null, bool? Available = null);

/// <summary>An override as the chain menu keeps it (see <see cref="MenuOverrideRequest"/>).</summary>
public sealed record MenuOverride(IReadOnlyList<ItemOverride> Items, IReadOnlyList<MenuItem> Added, IReadOnlyList<string> Removed);

/// <summary>One item's change: a price, an availability, or both (null: unchanged).</summary>
public sealed record ItemOverride(string Id, long? PriceMinor, bool? Available);

/// <summary>A group's override in the chain menu.</summary>
public sealed record GroupMenuOverride(string GroupId, MenuOverride Override);

/// <summary>A store's own override in the chain menu.</summary>
public sealed record StoreMenuOverride(string StoreId, MenuOverride Override);

/// <summary>
/// GET /cloud/v1/chain-menu[?version=N]: the chain menu as of a version: the base menu every store starts from (null
/// before one is set), the groups' overrides (group id order) and the stores' own (store id order).
/// </summary>
public sealed record ChainMenu(
    int Version, DateTimeOffset? CreatedAt, MenuDefinition? Base,
    IReadOnlyList<GroupMenuOverride> Groups, IReadOnlyList<StoreMenuOverride> Stores);

/// <summary>
/// One version of the chain menu, kept forever: what changed (<c>base</c>, <c>group:&lt;id&gt;</c>,
/// <c>store:&lt;id&gt;</c>, <c>rollback:&lt;version&gt;</c>) and when.
/// </summary>
public sealed record ChainMenuVersion(int Version, DateTimeOffset CreatedAt, string Change);

/// <summary>GET /cloud/v1/chain-menu/versions: every version, oldest first.</summary>
public sealed record ChainMenuVersionList(IReadOnlyList<ChainMenuVersion> Versions);

/// <summary>
/// POST /cloud/v1/chain-menu/publish (HQ): publish the chain menu of <c>version</c> (default: the latest) to every
/// store, or to the stores of <c>groupId</c>. POST /cloud/v1/chain-menu/rollback takes the same body with
/// <c>version</c> required: the chain menu goes back to that version's content (as a new version) and is published.
/// </summary>
public sealed record ChainMenuPublishRequest(int? Version = null, string? GroupId = null);

/// <summary>The menu version one store was given by a publish.</summary>
public sealed record StoreMenuPublished(string StoreId, int MenuVersion);

/// <summary>
/// The answer to a publish or a rollback: the chain-menu version published, to which group (null: the whole chain),
/// and each target store's new menu version (store id order), all written in one transaction.
/// </summary>
public sealed record ChainMenuPublished(int ChainVersion, string? GroupId, DateTimeOffset PublishedAt, IReadOnlyList<StoreMenuPublished> Stores);

/// <summary>
/// GET /cloud/v1/chain-menu/stores/{storeId}/menu[?version=N]: the whole menu the chain menu of a version gives the
/// store (not published by reading it), and the groups whose overrides it took, in the order applied.
/// </summary>
public sealed record ComposedStoreMenu(string StoreId, int ChainVersion, IReadOnlyList<string> Groups, MenuDefinition Menu);

/// <summary>
/// A store's latest published menu: its version, when it was published, and the chain-menu version it was composed
/// from (null when it was published to the store alone, through PUT /cloud/v1/stores/{storeId}/menu).
/// </summary>
public sealed record StoreMenuSource(string StoreId, int MenuVersion, DateTimeOffset? PublishedAt, int? ChainVersion);

/// <summary>GET /cloud/v1/chain-menu/stores: every store's latest menu and where it came from, in store id order.</summary>
public sealed record StoreMenuSourceList(IReadOnlyList<StoreMenuSource> Stores);
