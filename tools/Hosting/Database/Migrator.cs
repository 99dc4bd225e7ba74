using System.Reflection;
using Npgsql;

namespace Pos.Hosting.Database;

/// <summary>
/// Applies the embedded SQL migrations (Database/Migrations/NNNN_name.sql) in order, each once, each in its
/// own transaction, under an advisory lock so two processes starting together do not race.
/// </summary>
public static class Migrator
{
    private const long LockKey = 0x504F_535F_4D49_4752; // "POS_MIGR"

    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlDataSource db, Assembly source, CancellationToken cancellationToken)
    {
        var scripts = source.GetManifestResourceNames()
            .Where(n => n.EndsWith(".sql", StringComparison.Ordinal) && n.Contains(".Migrations.", StringComparison.Ordinal))
            .Select(n => (Resource: n, Name: n[(n.IndexOf(".Migrations.", StringComparison.Ordinal) + 12)..^4]))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

        await using var conn = await db.OpenConnectionAsync(cancellationToken);
        await Execute(conn, null, $"select pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await Execute(conn, null, """
                create table if not exists schema_migrations (
                    name text primary key,
                    applied_at timestamptz not null default now())
                """, cancellationToken);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var read = new NpgsqlCommand("select name from schema_migrations", conn))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var done = new List<string>();
            foreach (var (resource, name) in scripts.Where(s => !applied.Contains(s.Name)))
            {
                await using var stream = source.GetManifestResourceStream(resource)!;
                using var text = new StreamReader(stream);
                var sql = await text.ReadToEndAsync(cancellationToken);
                await using var tx = await conn.BeginTransactionAsync(cancellationToken);
                await Execute(conn, tx, sql, cancellationToken);
                await using (var mark = new NpgsqlCommand("insert into schema_migrations (name) values ($1)", conn, tx))
                {
                    mark.Parameters.AddWithValue(name);
                    await mark.ExecuteNonQueryAsync(cancellationToken);
                }
                await tx.CommitAsync(cancellationToken);
                done.Add(name);
            }
            return done;
        }
        finally
        {
            await Execute(conn, null, $"select pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
