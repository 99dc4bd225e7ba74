using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Pos.Cloud.Database;
using Pos.Contracts.Cloud;
using Pos.Contracts.Journal;
using Pos.Contracts.Menu;

namespace Pos.Cloud.Menus;

/// <summary>
/// What a lookup found: whether the store is registered, its latest version (0 when nothing is published), and
/// the menu asked for, when there is one.
/// </summary>
public sealed record MenuLookup(bool StoreKnown, int LatestVersion, PublishedMenu? Menu);

/// <summary>The menus headquarters publishes, per store, every version kept.</summary>
public sealed class StoreMenus(CloudDatabase database, TimeProvider time)
{
    /// <summary>Stores the menu as the store's next version; null when the store is not registered.</summary>
    public async Task<MenuVersion?> PublishAsync(string storeId, MenuDefinition menu, CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand("""
            with bumped as (
                update stores set menu_version = menu_version + 1 where store_id = $1
                returning store_id, menu_version)
            insert into store_menus (store_id, version, menu, published_at)
            select store_id, menu_version, $2::jsonb, $3 from bumped
            returning version, published_at
            """);
        cmd.Parameters.AddWithValue(storeId);
        cmd.Parameters.Add(new NpgsqlParameter { Value = EventJson.Serialize(menu), NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(time.GetUtcNow().UtcDateTime);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new MenuVersion(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1))
            : null;
    }

    /// <summary>
    /// The store's menu of <paramref name="version"/>, or its latest; with <paramref name="after"/>, the menu is
    /// read only when the latest version is newer than that.
    /// </summary>
    public async Task<MenuLookup> GetAsync(string storeId, int? version, long? after, CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand("""
            select s.menu_version, m.version, m.published_at, m.menu::text
            from stores s
            left join store_menus m
                   on m.store_id = s.store_id
                  and m.version = coalesce($2::integer, s.menu_version)
                  and ($3::bigint is null or s.menu_version > $3::bigint)
            where s.store_id = $1
            """);
        cmd.Parameters.AddWithValue(storeId);
        cmd.Parameters.Add(new NpgsqlParameter { Value = version.HasValue ? version.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Parameters.Add(new NpgsqlParameter { Value = after.HasValue ? after.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new MenuLookup(false, 0, null);
        }
        var latest = reader.GetInt32(0);
        if (reader.IsDBNull(1))
        {
            return new MenuLookup(true, latest, null);
        }
        var menu = JsonSerializer.Deserialize<MenuDefinition>(reader.GetString(3), EventJson.Options)
            ?? throw new InvalidOperationException($"Menu version {reader.GetInt32(1)} of store '{storeId}' is stored as null.");
        return new MenuLookup(true, latest, new PublishedMenu(storeId, reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2), menu));
    }

    /// <summary>Every version published to the store, oldest first; null when the store is not registered.</summary>
    public async Task<IReadOnlyList<MenuVersion>?> VersionsAsync(string storeId, CancellationToken cancellationToken)
    {
        await using var cmd = database.DataSource.CreateCommand("""
            select m.version, m.published_at
            from stores s left join store_menus m on m.store_id = s.store_id
            where s.store_id = $1
            order by m.version
            """);
        cmd.Parameters.AddWithValue(storeId);
        var versions = new List<MenuVersion>();
        var known = false;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            known = true;
            if (!reader.IsDBNull(0))
            {
                versions.Add(new MenuVersion(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1)));
            }
        }
        return known ? versions : null;
    }
}
