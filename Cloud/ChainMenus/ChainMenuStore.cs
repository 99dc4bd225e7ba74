using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Pos.Cloud.Database;
using Pos.Contracts.Cloud;
using Pos.Contracts.Journal;
using Pos.Contracts.Menu;

namespace Pos.Cloud.ChainMenus;

/// <summary>What a change of the chain menu came to.</summary>
public enum ChainMenuOutcome
{
    Changed,
    Stale,
    Refused,
    GroupNotFound,
    StoreNotFound,
    VersionNotFound,
    OverrideNotFound,
}

/// <summary>A change's outcome: the version made, the version the chain menu is at (for Stale), or why it was refused.</summary>
public sealed record ChainMenuChangeResult(ChainMenuOutcome Outcome, ChainMenuVersion? Made = null, int CurrentVersion = 0, ChainMenuProblem? Problem = null);

/// <summary>
/// The chain menu's versions in PostgreSQL: every change is one transaction that queues on the head row, checks the
/// If-Match against the version it queued behind, checks the whole chain menu it would make, and writes a new version
/// with the one piece changed. Nothing is ever updated or deleted, so every version stays readable and publishable.
/// </summary>
public sealed class ChainMenuStore(CloudDatabase database, TimeProvider time)
{
    /// <summary>Sets the base menu, or a group's or a store's override (null: deletes it).</summary>
    public async Task<ChainMenuChangeResult> ChangeAsync(string scope, string scopeId, object? piece, int? expected, CancellationToken cancellationToken)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        var (head, stale) = await LockHeadAsync(conn, tx, expected, cancellationToken);
        if (stale)
        {
            return new ChainMenuChangeResult(ChainMenuOutcome.Stale, CurrentVersion: head);
        }
        // The group or the store must exist while the change commits (a group's row is shared so it is not deleted meanwhile).
        if (scope == ChainMenuState.GroupScope && piece is not null && !await ExistsAsync(conn, tx,
                "select 1 from store_groups where group_id = $1 for share", scopeId, cancellationToken))
        {
            return new ChainMenuChangeResult(ChainMenuOutcome.GroupNotFound);
        }
        if (scope == ChainMenuState.StoreScope && piece is not null && !await ExistsAsync(conn, tx,
                "select 1 from stores where store_id = $1", scopeId, cancellationToken))
        {
            return new ChainMenuChangeResult(ChainMenuOutcome.StoreNotFound);
        }
        var now = (await ReadAsync(conn, tx, head, cancellationToken))!;
        if (piece is null && !(scope == ChainMenuState.GroupScope ? now.Groups : now.Stores).ContainsKey(scopeId))
        {
            return new ChainMenuChangeResult(ChainMenuOutcome.OverrideNotFound, CurrentVersion: head);
        }
        if (ChainMenuRules.Check(now.With(scope, scopeId, piece)) is { } problem)
        {
            return new ChainMenuChangeResult(ChainMenuOutcome.Refused, Problem: problem);
        }
        var label = scope == ChainMenuState.BaseScope ? "base" : $"{scope}:{scopeId}";
        var made = await NewVersionAsync(conn, tx, head + 1, label, cancellationToken);
        await using (var insert = new NpgsqlCommand(
            "insert into chain_menu_pieces (scope, scope_id, version, piece) values ($1, $2, $3, $4::jsonb)", conn, tx))
        {
            insert.Parameters.AddWithValue(scope);
            insert.Parameters.AddWithValue(scope == ChainMenuState.BaseScope ? "" : scopeId);
            insert.Parameters.AddWithValue(made.Version);
            insert.Parameters.Add(new NpgsqlParameter { Value = piece is null ? DBNull.Value : EventJson.Serialize(piece), NpgsqlDbType = NpgsqlDbType.Text });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return new ChainMenuChangeResult(ChainMenuOutcome.Changed, made);
    }

    /// <summary>
    /// In the caller's transaction: a new version whose content is that of <paramref name="toVersion"/> (each piece
    /// that differs is written again as it was then).
    /// </summary>
    public async Task<ChainMenuChangeResult> RollBackAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int toVersion, int? expected, CancellationToken cancellationToken)
    {
        var (head, stale) = await LockHeadAsync(conn, tx, expected, cancellationToken);
        if (stale)
        {
            return new ChainMenuChangeResult(ChainMenuOutcome.Stale, CurrentVersion: head);
        }
        if (toVersion < 1 || toVersion > head)
        {
            return new ChainMenuChangeResult(ChainMenuOutcome.VersionNotFound, CurrentVersion: head);
        }
        var made = await NewVersionAsync(conn, tx, head + 1, $"rollback:{toVersion}", cancellationToken);
        await using var copy = new NpgsqlCommand("""
            with at_head as (
                select distinct on (scope, scope_id) scope, scope_id, piece from chain_menu_pieces
                where version <= $1 order by scope, scope_id, version desc),
            at_then as (
                select distinct on (scope, scope_id) scope, scope_id, piece from chain_menu_pieces
                where version <= $2 order by scope, scope_id, version desc)
            insert into chain_menu_pieces (scope, scope_id, version, piece)
            select h.scope, h.scope_id, $3, t.piece
            from at_head h left join at_then t on t.scope = h.scope and t.scope_id = h.scope_id
            where t.piece is distinct from h.piece
            """, conn, tx);
        copy.Parameters.AddWithValue(head);
        copy.Parameters.AddWithValue(toVersion);
        copy.Parameters.AddWithValue(made.Version);
        await copy.ExecuteNonQueryAsync(cancellationToken);
        return new ChainMenuChangeResult(ChainMenuOutcome.Changed, made);
    }

    /// <summary>The chain menu of <paramref name="version"/> (the latest when null); null for a version never made.</summary>
    public async Task<ChainMenuState?> ReadAsync(int? version, CancellationToken cancellationToken)
    {
        await using var conn = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(conn, null, version, cancellationToken);
    }

    /// <summary>The chain menu of <paramref name="version"/> (the latest when null) in the caller's transaction; null for a version never made.</summary>
    public static async Task<ChainMenuState?> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int? version, CancellationToken cancellationToken)
    {
        await using (var head = new NpgsqlCommand("""
            select h.version, v.created_at from chain_menu_head h left join chain_menu_versions v on v.version = coalesce($1, h.version)
            """, conn, tx))
        {
            head.Parameters.Add(new NpgsqlParameter { Value = version.HasValue ? version.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            await using var reader = await head.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var latest = reader.GetInt32(0);
            if (version is { } wanted && (wanted < 0 || wanted > latest))
            {
                return null;
            }
            version ??= latest;
            if (version == 0)
            {
                return ChainMenuState.Empty;
            }
            var createdAt = reader.GetFieldValue<DateTimeOffset>(1);
            await reader.DisposeAsync();
            return await PiecesAsync(conn, tx, version.Value, createdAt, cancellationToken);
        }
    }

    /// <summary>Every version, oldest first.</summary>
    public async Task<IReadOnlyList<ChainMenuVersion>> VersionsAsync(CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand("select version, created_at, change from chain_menu_versions order by version");
        var versions = new List<ChainMenuVersion>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(new ChainMenuVersion(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2)));
        }
        return versions;
    }

    private static async Task<ChainMenuState> PiecesAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int version, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("""
            select scope, scope_id, piece::text from (
                select distinct on (scope, scope_id) scope, scope_id, piece from chain_menu_pieces
                where version <= $1 order by scope, scope_id, version desc) latest
            where piece is not null
            """, conn, tx);
        cmd.Parameters.AddWithValue(version);
        MenuDefinition? menu = null;
        var groups = new Dictionary<string, MenuOverride>(StringComparer.Ordinal);
        var stores = new Dictionary<string, MenuOverride>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (scope, id, json) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            if (scope == ChainMenuState.BaseScope)
            {
                menu = JsonSerializer.Deserialize<MenuDefinition>(json, EventJson.Options);
            }
            else
            {
                var piece = JsonSerializer.Deserialize<MenuOverride>(json, EventJson.Options)
                    ?? throw new InvalidOperationException($"The chain menu's {scope} override '{id}' is stored as null JSON.");
                (scope == ChainMenuState.GroupScope ? groups : stores)[id] = piece;
            }
        }
        return new ChainMenuState(version, createdAt, menu, groups, stores);
    }

    /// <summary>Queues on the head row; stale when <paramref name="expected"/> is not the version it holds.</summary>
    private static async Task<(int Head, bool Stale)> LockHeadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int? expected, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("select version from chain_menu_head for update", conn, tx);
        var head = (int)(await cmd.ExecuteScalarAsync(cancellationToken))!;
        return (head, expected is { } wanted && wanted != head);
    }

    private async Task<ChainMenuVersion> NewVersionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int version, string change, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        await using var cmd = new NpgsqlCommand("""
            with bumped as (update chain_menu_head set version = $1 returning version)
            insert into chain_menu_versions (version, created_at, change) select version, $2, $3 from bumped
            """, conn, tx);
        cmd.Parameters.AddWithValue(version);
        cmd.Parameters.AddWithValue(at.UtcDateTime);
        cmd.Parameters.AddWithValue(change);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        // As PostgreSQL keeps it (microseconds), so the answer equals what a later read gives.
        return new ChainMenuVersion(version, new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero), change);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, string id, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.AddWithValue(id);
        return await cmd.ExecuteScalarAsync(cancellationToken) is not null;
    }
}
