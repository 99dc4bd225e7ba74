using Npgsql;
using NpgsqlTypes;
using Pos.Cloud.Database;
using Pos.Contracts.Cloud;

namespace Pos.Cloud.Groups;

/// <summary>What a change of a group came to.</summary>
public enum GroupChange
{
    Created,
    Updated,
    Deleted,
    NotFound,
    Stale,
    UnknownStores,
    HasMenuOverride,
}

/// <summary>The outcome of a change: the group as it is now, the version it is at (for Stale), or the store ids nobody registered.</summary>
public sealed record GroupChangeResult(GroupChange Change, StoreGroup? Group = null, int CurrentVersion = 0, IReadOnlyList<string>? UnknownStores = null);

/// <summary>
/// Groups of stores (a region, a brand) with their members; a store may be in several. Each change of a group is one
/// transaction on its row (a stale If-Match changes nothing); member stores must be registered ones.
/// </summary>
public sealed class StoreGroups(CloudDatabase database, TimeProvider time)
{
    /// <summary>
    /// The store ids of <paramref name="groupId"/> in store id order, or null when there is no such group: what a
    /// report or a publish "for a group" covers.
    /// </summary>
    public async Task<IReadOnlyList<string>?> StoreIdsAsync(string groupId, CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand("""
            select m.store_id from store_groups g left join store_group_members m on m.group_id = g.group_id
            where g.group_id = $1 order by m.store_id
            """);
        cmd.Parameters.AddWithValue(groupId);
        var ids = new List<string>();
        var known = false;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            known = true;
            if (!reader.IsDBNull(0))
            {
                ids.Add(reader.GetString(0));
            }
        }
        return known ? ids : null;
    }

    /// <summary>
    /// Creates the group or replaces its name, kind, precedence and whole member list. With <paramref name="expected"/>
    /// the group must be at that version (a group that does not exist is at 0).
    /// </summary>
    public async Task<GroupChangeResult> PutAsync(
        string groupId, string name, string kind, int precedence, IReadOnlyList<string> stores, int? expected, CancellationToken cancellationToken)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        // Stores are never removed: ids registered now stay registered when the transaction commits.
        var unknown = new List<string>();
        await using (var check = new NpgsqlCommand(
            "select s from unnest($1::text[]) s where not exists (select 1 from stores where store_id = s) order by s", conn, tx))
        {
            check.Parameters.Add(new NpgsqlParameter { Value = stores.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                unknown.Add(reader.GetString(0));
            }
        }
        if (unknown.Count > 0)
        {
            return new GroupChangeResult(GroupChange.UnknownStores, UnknownStores: unknown);
        }
        // No condition: create or replace. If-Match "0": create only. If-Match "N": replace version N only.
        var sql = expected switch
        {
            null => """
                insert into store_groups (group_id, name, kind, precedence, version, updated_at) values ($1, $2, $3, $4, 1, $5)
                on conflict (group_id) do update set name = excluded.name, kind = excluded.kind, precedence = excluded.precedence,
                    version = store_groups.version + 1, updated_at = excluded.updated_at
                returning version, updated_at
                """,
            0 => """
                insert into store_groups (group_id, name, kind, precedence, version, updated_at) values ($1, $2, $3, $4, 1, $5)
                on conflict (group_id) do nothing
                returning version, updated_at
                """,
            _ => """
                update store_groups set name = $2, kind = $3, precedence = $4, version = version + 1, updated_at = $5
                where group_id = $1 and version = $6
                returning version, updated_at
                """,
        };
        int version;
        DateTimeOffset updatedAt;
        await using (var put = new NpgsqlCommand(sql, conn, tx))
        {
            put.Parameters.AddWithValue(groupId);
            put.Parameters.AddWithValue(name);
            put.Parameters.AddWithValue(kind);
            put.Parameters.AddWithValue(precedence);
            put.Parameters.AddWithValue(time.GetUtcNow().UtcDateTime);
            if (expected is { } wanted and > 0)
            {
                put.Parameters.AddWithValue(wanted);
            }
            await using var reader = await put.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                await reader.DisposeAsync();
                return new GroupChangeResult(GroupChange.Stale, CurrentVersion: await VersionAsync(conn, tx, groupId, cancellationToken));
            }
            (version, updatedAt) = (reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1));
        }
        await using (var members = new NpgsqlCommand("delete from store_group_members where group_id = $1", conn, tx))
        {
            members.Parameters.AddWithValue(groupId);
            await members.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var insert = new NpgsqlCommand(
            "insert into store_group_members (group_id, store_id) select $1, s from unnest($2::text[]) s", conn, tx))
        {
            insert.Parameters.AddWithValue(groupId);
            insert.Parameters.Add(new NpgsqlParameter { Value = stores.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        var group = new StoreGroup(groupId, name, kind, precedence, version, updatedAt, [.. stores.Order(StringComparer.Ordinal)]);
        return new GroupChangeResult(version == 1 ? GroupChange.Created : GroupChange.Updated, group);
    }

    /// <summary>
    /// Deletes the group (its members are no longer grouped by it); refused while the chain menu's latest version
    /// has an override for it, which would otherwise apply to nobody without anyone having decided so.
    /// </summary>
    public async Task<GroupChangeResult> DeleteAsync(string groupId, int? expected, CancellationToken cancellationToken)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        int? current = null;
        await using (var read = new NpgsqlCommand("select version from store_groups where group_id = $1 for update", conn, tx))
        {
            read.Parameters.AddWithValue(groupId);
            current = await read.ExecuteScalarAsync(cancellationToken) as int?;
        }
        if (current is null)
        {
            return new GroupChangeResult(expected is null or 0 ? GroupChange.NotFound : GroupChange.Stale);
        }
        if (expected is { } wanted && wanted != current)
        {
            return new GroupChangeResult(GroupChange.Stale, CurrentVersion: current.Value);
        }
        await using (var overridden = new NpgsqlCommand("""
            select piece is not null from chain_menu_pieces where scope = 'group' and scope_id = $1 order by version desc limit 1
            """, conn, tx))
        {
            overridden.Parameters.AddWithValue(groupId);
            if (await overridden.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new GroupChangeResult(GroupChange.HasMenuOverride, CurrentVersion: current.Value);
            }
        }
        var group = (await ReadAsync(conn, tx, groupId, cancellationToken)).Single();
        await using (var delete = new NpgsqlCommand("delete from store_groups where group_id = $1", conn, tx))
        {
            delete.Parameters.AddWithValue(groupId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return new GroupChangeResult(GroupChange.Deleted, group, current.Value);
    }

    /// <summary>One group, or null.</summary>
    public async Task<StoreGroup?> GetAsync(string groupId, CancellationToken cancellationToken)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return (await ReadAsync(conn, null, groupId, cancellationToken)).SingleOrDefault();
    }

    /// <summary>Every group, in group id order.</summary>
    public async Task<IReadOnlyList<StoreGroup>> ListAsync(CancellationToken cancellationToken)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(conn, null, null, cancellationToken);
    }

    private static async Task<IReadOnlyList<StoreGroup>> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string? groupId, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("""
            select g.group_id, g.name, g.kind, g.precedence, g.version, g.updated_at,
                   coalesce(array_agg(m.store_id order by m.store_id) filter (where m.store_id is not null), '{}')
            from store_groups g left join store_group_members m on m.group_id = g.group_id
            where $1::text is null or g.group_id = $1
            group by g.group_id order by g.group_id
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)groupId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var groups = new List<StoreGroup>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            groups.Add(new StoreGroup(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<string[]>(6)));
        }
        return groups;
    }

    private static async Task<int> VersionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string groupId, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("select version from store_groups where group_id = $1", conn, tx);
        cmd.Parameters.AddWithValue(groupId);
        return await cmd.ExecuteScalarAsync(cancellationToken) as int? ?? 0;
    }
}
