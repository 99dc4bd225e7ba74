using Npgsql;
using Pos.Appliance.Database;
using Pos.Hosting.Database;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Journal;

/// <summary>
/// Idempotency-Keys kept before keys belonged to their device move under the device that sent them, so a retry
/// across the upgrade is still answered with its first response.
/// </summary>
public sealed class KeysPerDeviceMigrationTests
{
    [Fact]
    public async Task AKeyKeptBeforeTheUpgrade_MovesUnderTheDeviceThatWroteItsEvents_AndCommandIdsStay()
    {
        await using var db = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync());
        await Migrator.ApplyAsync(db, typeof(PosDatabase).Assembly, CancellationToken.None);
        await using (var seed = db.CreateCommand("""
            insert into journal (seq, event_id, stream_id, stream_version, type, occurred_at, device_id, data)
            values (1, gen_random_uuid(), 'order-1', 1, 'OrderOpened', now(), 'till-2', '{}');
            insert into idempotency (key, request_hash, body, stream_id, first_seq) values
                ('open-17', '\x01', '{}', 'order-1', 1),
                ('cmd:till-3:q-1', '\x01', '{}', 'order-1', null),
                ('lost-answer', '\x01', '{}', 'order-1', null);
            delete from schema_migrations where name = '0006_keys_per_device';
            """))
        {
            await seed.ExecuteNonQueryAsync();
        }

        var applied = await Migrator.ApplyAsync(db, typeof(PosDatabase).Assembly, CancellationToken.None);

        Assert.Equal(["0006_keys_per_device"], applied);
        await using var read = db.CreateCommand("select key from idempotency order by key");
        var keys = new List<string>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }
        Assert.Equal(["cmd:till-3:q-1", "key:till-2:open-17"], keys);
    }

    [Fact]
    public async Task AnAnswerKeptWithAnETagAndAStatus_KeepsItsVersion_AndLosesTheHttpParts()
    {
        await using var db = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync());
        await Migrator.ApplyAsync(db, typeof(PosDatabase).Assembly, CancellationToken.None);
        // The table as it stood before 0007: an ETag string and a status code per answer.
        await using (var seed = db.CreateCommand("""
            alter table idempotency drop column version;
            alter table idempotency add column status integer not null default 200, add column etag text;
            insert into idempotency (key, request_hash, status, body, etag, stream_id, first_seq) values
                ('key:till-1:a', '\x01', 201, '', '"7"', 'order-1', null),
                ('key:till-1:b', '\x01', 200, '{"currency":"USD"}', '"12"', 'menu', null),
                ('cmd:till-1:c', '\x01', 422, '{"status":422}', null, 'order-1', null);
            delete from schema_migrations where name = '0007_answers_without_http';
            """))
        {
            await seed.ExecuteNonQueryAsync();
        }

        Assert.Equal(["0007_answers_without_http"], await Migrator.ApplyAsync(db, typeof(PosDatabase).Assembly, CancellationToken.None));

        await using var read = db.CreateCommand("select key, version from idempotency order by key");
        var versions = new List<(string, int?)>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                versions.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1)));
            }
        }
        Assert.Equal([("cmd:till-1:c", (int?)null), ("key:till-1:a", 7), ("key:till-1:b", 12)], versions);
    }
}
