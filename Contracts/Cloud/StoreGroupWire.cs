namespace Pos.Contracts.Cloud;

/// <summary>
/// PUT /cloud/v1/groups/{groupId} (HQ): a group of stores (a region, a brand) and its whole member list.
/// <c>kind</c> is free text ("region", "brand"); <c>precedence</c> (default 0) orders the group's chain-menu override
/// among the other groups of a store: lower first, the higher one wins where two groups disagree (ties by group id).
/// </summary>
public sealed record StoreGroupRequest(string? Name, string? Kind, int? Precedence, IReadOnlyList<string?>? Stores);

/// <summary>
/// A group of stores as headquarters keeps it: its <see cref="Version"/> (1, 2, 3..., also its ETag) grows with each
/// change; its member stores in store id order. A store may be in several groups.
/// </summary>
public sealed record StoreGroup(
    string GroupId, string Name, string Kind, int Precedence, int Version, DateTimeOffset UpdatedAt, IReadOnlyList<string> Stores);

/// <summary>GET /cloud/v1/groups: every group, in group id order.</summary>
public sealed record StoreGroupList(IReadOnlyList<StoreGroup> Groups);
