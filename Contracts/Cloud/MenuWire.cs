using Pos.Contracts.Menu;

namespace Pos.Contracts.Cloud;

/// <summary>
/// A menu published to a store: its version (1, 2, 3...) and when it was published. GET
/// /cloud/v1/stores/{storeId}/menu answers it to HQ, /menu/published to the store itself.
/// </summary>
public sealed record PublishedMenu(string StoreId, int Version, DateTimeOffset PublishedAt, MenuDefinition Menu);

/// <summary>One published version, without the menu.</summary>
public sealed record MenuVersion(int Version, DateTimeOffset PublishedAt);

/// <summary>The answer to PUT /cloud/v1/stores/{storeId}/menu: the version the menu was published as.</summary>
public sealed record MenuPublished(string StoreId, int Version, DateTimeOffset PublishedAt);

/// <summary>GET /cloud/v1/stores/{storeId}/menu/versions: every version published to the store, oldest first.</summary>
public sealed record MenuVersionList(string StoreId, IReadOnlyList<MenuVersion> Versions);
