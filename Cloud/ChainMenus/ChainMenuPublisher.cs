using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Pos.Cloud.Database;
using Pos.Cloud.Hosting;
using Pos.Contracts.Cloud;
using Pos.Contracts.Journal;
using Pos.Contracts.Menu;

namespace Pos.Cloud.ChainMenus;

/// <summary>What a publish (or a rollback) came to.</summary>
public enum PublishOutcome
{
    Published,
    Stale,
    NoBase,
    VersionNotFound,
    GroupNotFound,
    StoreNotFound,
    InvalidForStore,
    /// <summary>The request's Idempotency-Key was answered before: <see cref="PublishResult.Answer"/> is that answer.</summary>
    Answered,
    /// <summary>The request's Idempotency-Key was another request's.</summary>
    KeyReused,
}

/// <summary>
/// A publish's outcome: what was published, the head version (for Stale and VersionNotFound), or the store whose
/// menu would be invalid and why.
/// </summary>
public sealed record PublishResult(
    PublishOutcome Outcome, ChainMenuPublished? Published = null, int CurrentVersion = 0, string? StoreId = null, ChainMenuProblem? Problem = null)
{
    /// <summary>The first answer to the request's key (status and JSON), for <see cref="PublishOutcome.Answered"/>.</summary>
    public (int Status, string Json)? Answer { get; init; }
}

/// <summary>
/// Publishes the chain menu: for each target store (every store, or a group's), the one whole menu the chain menu of a
/// version gives it (<see cref="ChainMenuComposer"/>, with the groups the store is in now), checked by the store menus'
/// rules, written into store_menus as the store's next menu version, with the chain-menu version it came from. All
/// the target stores in one transaction: every one gets its menu, or none does. The appliance pulls it as it pulls
/// any published menu: a new, higher version, also when the content is an older one's (a rollback).
/// </summary>
public sealed partial class ChainMenuPublisher(
    CloudDatabase database, ChainMenuStore versions, TimeProvider time, IOptions<JsonOptions> json, ILogger<ChainMenuPublisher> logger)
{
    private const int StoresPerStatement = 500;

    /// <summary>
    /// Publishes version <paramref name="version"/> (the latest when null) to every store, or to <paramref name="groupId"/>'s;
    /// with <paramref name="key"/>, once for that key (<see cref="HqRequestKeys"/>).
    /// </summary>
    public async Task<PublishResult> PublishAsync(int? version, string? groupId, HqRequestKey? key, CancellationToken cancellationToken)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        if (await ClaimAsync(conn, tx, key, cancellationToken) is { } answered)
        {
            return answered;
        }
        if (await ChainMenuStore.ReadAsync(conn, tx, version, cancellationToken) is not { } state)
        {
            return new PublishResult(PublishOutcome.VersionNotFound, CurrentVersion: await HeadAsync(conn, tx, cancellationToken));
        }
        var result = await PublishInAsync(conn, tx, state, groupId, cancellationToken);
        if (result.Outcome == PublishOutcome.Published)
        {
            await CommitAsync(conn, tx, key, result, cancellationToken);
            LogPublished(logger, state.Version, groupId ?? "(the chain)", result.Published!.Stores.Count);
        }
        return result;
    }

    /// <summary>
    /// The chain menu goes back to <paramref name="toVersion"/>'s content as a new version, published to every store
    /// (or to <paramref name="groupId"/>'s) in the same transaction; with <paramref name="key"/>, once for that key.
    /// </summary>
    public async Task<PublishResult> RollBackAsync(int toVersion, string? groupId, int? expected, HqRequestKey? key, CancellationToken cancellationToken)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        if (await ClaimAsync(conn, tx, key, cancellationToken) is { } answered)
        {
            return answered;
        }
        var rolled = await versions.RollBackAsync(conn, tx, toVersion, expected, cancellationToken);
        switch (rolled.Outcome)
        {
            case ChainMenuOutcome.Stale:
                return new PublishResult(PublishOutcome.Stale, CurrentVersion: rolled.CurrentVersion);
            case ChainMenuOutcome.VersionNotFound:
                return new PublishResult(PublishOutcome.VersionNotFound, CurrentVersion: rolled.CurrentVersion);
        }
        var state = await ChainMenuStore.ReadAsync(conn, tx, rolled.Made!.Version, cancellationToken);
        var result = await PublishInAsync(conn, tx, state!, groupId, cancellationToken);
        if (result.Outcome == PublishOutcome.Published)
        {
            await CommitAsync(conn, tx, key, result, cancellationToken);
            LogRolledBack(logger, toVersion, state!.Version, groupId ?? "(the chain)", result.Published!.Stores.Count);
        }
        return result;
    }

    // Null when the request goes ahead (no key, or the key claimed in this transaction); else what the key says.
    private static async Task<PublishResult?> ClaimAsync(NpgsqlConnection conn, NpgsqlTransaction tx, HqRequestKey? key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return null;
        }
        var (claim, status, answer) = await HqRequestKeys.ClaimAsync(conn, tx, key, cancellationToken);
        return claim switch
        {
            KeyClaim.Claimed => null,
            KeyClaim.Answered => new PublishResult(PublishOutcome.Answered) { Answer = (status, answer!) },
            _ => new PublishResult(PublishOutcome.KeyReused),
        };
    }

    // The publish and its key's answer commit together. Only a publish that happened is recorded: a refused one
    // rolls back, key included, so sending it again (mended) with the same key does it.
    private async Task CommitAsync(NpgsqlConnection conn, NpgsqlTransaction tx, HqRequestKey? key, PublishResult result, CancellationToken cancellationToken)
    {
        if (key is not null)
        {
            await HqRequestKeys.RecordAsync(conn, tx, key, 200, JsonSerializer.Serialize(result.Published, json.Value.SerializerOptions), cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>The whole menu the chain menu of <paramref name="version"/> (the latest when null) gives the store, not published.</summary>
    public async Task<(PublishOutcome Outcome, ComposedStoreMenu? Menu, int Head)> ComposeAsync(string storeId, int? version, CancellationToken cancellationToken)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        if (await ChainMenuStore.ReadAsync(conn, null, version, cancellationToken) is not { } state)
        {
            return (PublishOutcome.VersionNotFound, null, await HeadAsync(conn, null, cancellationToken));
        }
        if (state.Base is null)
        {
            return (PublishOutcome.NoBase, null, state.Version);
        }
        await using (var known = new NpgsqlCommand("select 1 from stores where store_id = $1", conn))
        {
            known.Parameters.AddWithValue(storeId);
            if (await known.ExecuteScalarAsync(cancellationToken) is null)
            {
                return (PublishOutcome.StoreNotFound, null, state.Version);
            }
        }
        var groups = await GroupsOfAsync(conn, null, [storeId], cancellationToken);
        var (menu, applied) = ChainMenuComposer.Compose(state, storeId, groups.GetValueOrDefault(storeId) ?? []);
        return (PublishOutcome.Published, new ComposedStoreMenu(storeId, state.Version, applied, menu), state.Version);
    }

    /// <summary>Every store's latest menu version and the chain-menu version it came from, in store id order.</summary>
    public async Task<IReadOnlyList<StoreMenuSource>> SourcesAsync(CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand("""
            select s.store_id, s.menu_version, m.published_at, m.chain_version
            from stores s left join store_menus m on m.store_id = s.store_id and m.version = s.menu_version
            order by s.store_id
            """);
        var sources = new List<StoreMenuSource>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sources.Add(new StoreMenuSource(reader.GetString(0), reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetInt32(3)));
        }
        return sources;
    }

    private async Task<PublishResult> PublishInAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ChainMenuState state, string? groupId, CancellationToken cancellationToken)
    {
        if (state.Base is null)
        {
            return new PublishResult(PublishOutcome.NoBase, CurrentVersion: state.Version);
        }
        if (await TargetsAsync(conn, tx, groupId, cancellationToken) is not { } targets)
        {
            return new PublishResult(PublishOutcome.GroupNotFound);
        }
        var groups = await GroupsOfAsync(conn, tx, targets, cancellationToken);
        // Stores given the same layers get the same menu: composed, checked and sent once (most stores of a chain
        // have no override of their own, so a chain has about as many menus as combinations of groups).
        var distinct = new List<string>();
        var made = new Dictionary<string, int>(StringComparer.Ordinal);
        var menuOf = new int[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            var ranks = groups.GetValueOrDefault(targets[i]) ?? [];
            var key = string.Join('\u0001', ChainMenuComposer.Order(ranks).Where(state.Groups.ContainsKey))
                + (state.Stores.ContainsKey(targets[i]) ? "\u0002" + targets[i] : "");
            if (!made.TryGetValue(key, out var index))
            {
                var (menu, _) = ChainMenuComposer.Compose(state, targets[i], ranks);
                if (MenuRules.Check(menu) is { } bad)
                {
                    return new PublishResult(PublishOutcome.InvalidForStore, StoreId: targets[i],
                        Problem: new ChainMenuProblem(bad.Code, bad.Field ?? "menu", bad.Detail));
                }
                made[key] = index = distinct.Count + 1;
                distinct.Add(EventJson.Serialize(menu));
            }
            menuOf[i] = index;
        }
        // The menus are read into jsonb before any store's row is locked: the locked part only copies them.
        await using (var stage = new NpgsqlCommand("""
            create temp table publish_menus (idx integer primary key, menu jsonb not null) on commit drop
            """, conn, tx))
        {
            await stage.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var stage = new NpgsqlCommand(
            "insert into publish_menus (idx, menu) select i, m::jsonb from unnest($1::text[]) with ordinality as u(m, i)", conn, tx))
        {
            stage.Parameters.Add(new NpgsqlParameter { Value = distinct.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await stage.ExecuteNonQueryAsync(cancellationToken);
        }
        var now = time.GetUtcNow();
        // Each target store's row, in store id order, so two publishes at once queue rather than deadlock.
        await using (var lockRows = new NpgsqlCommand(
            "select store_id from stores where store_id = any($1) order by store_id for no key update", conn, tx))
        {
            lockRows.Parameters.Add(new NpgsqlParameter { Value = targets.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await lockRows.ExecuteNonQueryAsync(cancellationToken);
        }
        var published = new List<StoreMenuPublished>(targets.Count);
        for (var from = 0; from < targets.Count; from += StoresPerStatement)
        {
            var count = Math.Min(StoresPerStatement, targets.Count - from);
            await using var write = new NpgsqlCommand("""
                with given as (select * from unnest($1::text[], $2::integer[]) as g(store_id, idx)),
                bumped as (
                    update stores s set menu_version = s.menu_version + 1 from given g where s.store_id = g.store_id
                    returning s.store_id, s.menu_version)
                insert into store_menus (store_id, version, menu, published_at, chain_version)
                select b.store_id, b.menu_version, p.menu, $3, $4
                from bumped b join given g on g.store_id = b.store_id join publish_menus p on p.idx = g.idx
                returning store_id, version
                """, conn, tx);
            write.Parameters.Add(new NpgsqlParameter { Value = targets.Skip(from).Take(count).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            write.Parameters.Add(new NpgsqlParameter { Value = menuOf.AsSpan(from, count).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            write.Parameters.AddWithValue(now.UtcDateTime);
            write.Parameters.AddWithValue(state.Version);
            await using var reader = await write.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                published.Add(new StoreMenuPublished(reader.GetString(0), reader.GetInt32(1)));
            }
        }
        LogWritten(logger, published.Count, distinct.Count);
        var at = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        return new PublishResult(PublishOutcome.Published,
            new ChainMenuPublished(state.Version, groupId, at, [.. published.OrderBy(p => p.StoreId, StringComparer.Ordinal)]));
    }

    /// <summary>The target store ids in store id order: every registered store, or the group's members (null: no such group).</summary>
    private static async Task<IReadOnlyList<string>?> TargetsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string? groupId, CancellationToken cancellationToken)
    {
        if (groupId is not null)
        {
            // Shared: the group is not changed or deleted while its stores are given their menus.
            await using var group = new NpgsqlCommand("select 1 from store_groups where group_id = $1 for share", conn, tx);
            group.Parameters.AddWithValue(groupId);
            if (await group.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }
        await using var cmd = new NpgsqlCommand(groupId is null
            ? "select store_id from stores order by store_id"
            : "select store_id from store_group_members where group_id = $1 order by store_id", conn, tx);
        if (groupId is not null)
        {
            cmd.Parameters.AddWithValue(groupId);
        }
        var ids = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>The groups each of the stores is in now, with their precedence.</summary>
    private static async Task<Dictionary<string, List<StoreGroupRank>>> GroupsOfAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, IReadOnlyList<string> storeIds, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("""
            select m.store_id, g.group_id, g.precedence
            from store_group_members m join store_groups g on g.group_id = m.group_id
            where m.store_id = any($1)
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = storeIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var groups = new Dictionary<string, List<StoreGroupRank>>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var storeId = reader.GetString(0);
            if (!groups.TryGetValue(storeId, out var list))
            {
                groups[storeId] = list = [];
            }
            list.Add(new StoreGroupRank(reader.GetString(1), reader.GetInt32(2)));
        }
        return groups;
    }

    private static async Task<int> HeadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("select version from chain_menu_head", conn, tx);
        return (int)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Chain menu publish: {Stores} store menus written from {Menus} distinct menus")]
    private static partial void LogWritten(ILogger logger, int stores, int menus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain menu version {Version} published to {Target}: {Stores} stores")]
    private static partial void LogPublished(ILogger logger, int version, string target, int stores);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain menu rolled back to version {ToVersion} as version {Version}, published to {Target}: {Stores} stores")]
    private static partial void LogRolledBack(ILogger logger, int toVersion, int version, string target, int stores);
}
