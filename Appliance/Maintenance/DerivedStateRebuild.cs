using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Pos.Contracts.Journal;
using Pos.Contracts.Reports;

namespace Pos.Appliance.Maintenance;

/// <summary>What a rebuild found: the states compared, those that differed, those repaired and those it cannot repair.</summary>
public sealed record RebuildSummary(int Compared, int Mismatched, int Repaired, int Unrepairable, bool Check)
{
    /// <summary>Whether the command ends with an error: a difference left in place (--check) or one no rebuild can mend.</summary>
    public bool Failed => Unrepairable > 0 || (Check && Mismatched > 0);

    public override string ToString() => Check
        ? $"{Compared} stored states compared with the journal: {Mismatched} differ"
        : $"{Compared} stored states compared with the journal: {Mismatched} differed, {Repaired} repaired, {Unrepairable} cannot be repaired";
}

/// <summary>
/// The appliance's state besides the journal, recomputed from it and compared: the menu grain's storage (a copy of the
/// journal's last MenuReplaced; repaired by removing it, the grain folds it again from the journal when it next
/// activates), each day seal's count and last seq (journal events themselves: a difference is reported, never mended),
/// the sync checkpoint (never past the journal's head) and the B-tree indexes of the journal that serve print queues,
/// open orders and reports (amcheck when the server has it; repaired by REINDEX).
/// </summary>
public sealed class DerivedStateRebuild(NpgsqlDataSource db)
{
    private const string MenuStream = "menu";
    private int _compared, _mismatched, _repaired, _unrepairable;

    public async Task<RebuildSummary> RunAsync(bool check, TextWriter output, CancellationToken cancellationToken)
    {
        await MenuAsync(check, output, cancellationToken);
        await DaySealsAsync(output, cancellationToken);
        await SyncCheckpointAsync(output, cancellationToken);
        await JournalIndexesAsync(check, output, cancellationToken);
        return new RebuildSummary(_compared, _mismatched, _repaired, _unrepairable, check);
    }

    private async Task MenuAsync(bool check, TextWriter output, CancellationToken cancellationToken)
    {
        JsonObject? expected = null;
        await using (var read = db.CreateCommand("select data from journal where stream_id = $1 order by stream_version desc limit 1"))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = MenuStream });
            if (await read.ExecuteScalarAsync(cancellationToken) is string data)
            {
                var replaced = JsonNode.Parse(data)!.AsObject();
                expected = new JsonObject
                {
                    ["version"] = replaced["version"]?.DeepClone(),
                    ["currency"] = replaced["currency"]?.DeepClone(),
                    ["items"] = replaced["items"]?.DeepClone(),
                    ["categories"] = replaced["categories"]?.DeepClone(),
                };
            }
        }
        var stored = new List<JsonNode?>();
        await using (var read = db.CreateCommand(
            "select payloadbinary from orleansstorage where graintypestring = $1 and payloadbinary is not null"))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = MenuStream });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add(Parse(reader.GetFieldValue<byte[]>(0)));
            }
        }
        _compared++;
        if (stored.Count == 0)
        {
            // Nothing stored: the grain folds the journal's menu when it activates (MenuGrain.OnActivateAsync).
            return;
        }
        var state = stored[0];
        var found = state is JsonObject o ? new JsonObject
        {
            ["version"] = Field(o, "version")?.DeepClone(),
            ["currency"] = Field(o, "currency")?.DeepClone(),
            ["items"] = Field(o, "items")?.DeepClone(),
            ["categories"] = Field(o, "categories")?.DeepClone(),
        } : null;
        if (expected is not null && found is not null && JsonNode.DeepEquals(Canonical(expected), Canonical(found)))
        {
            return;
        }
        _mismatched++;
        await output.WriteLineAsync(expected is null
            ? "menu: the grain storage holds a menu the journal never had"
            : $"menu: the grain storage (version {found?["version"]}) differs from the journal's last MenuReplaced (version {expected["version"]})");
        if (!check)
        {
            await using var remove = db.CreateCommand("delete from orleansstorage where graintypestring = $1");
            remove.Parameters.Add(new NpgsqlParameter { Value = MenuStream });
            await remove.ExecuteNonQueryAsync(cancellationToken);
            _repaired++;
            await output.WriteLineAsync("menu: repaired (the stored copy removed; the menu grain folds it from the journal when it next activates)");
        }
    }

    private async Task DaySealsAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await using var read = db.CreateCommand("""
            select s.data, coalesce(j.n, 0), coalesce(j.last, 0)
            from journal s
            left join lateral (
                select count(*) n, max(seq) last from journal
                where business_date = (s.data->>'businessDate')::date) j on true
            where s.stream_id = $1 order by s.seq
            """);
        read.Parameters.Add(new NpgsqlParameter { Value = BusinessDaySealed.StreamId });
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            _compared++;
            var seal = System.Text.Json.JsonSerializer.Deserialize<BusinessDaySealed>(reader.GetString(0), EventJson.Options)!;
            var (count, last) = (reader.GetInt64(1), reader.GetInt64(2));
            if (seal.EventCount != count || seal.LastSeq != last)
            {
                _mismatched++;
                _unrepairable++;
                await output.WriteLineAsync(
                    $"day {seal.BusinessDate:yyyy-MM-dd}: sealed with {seal.EventCount} events through seq {seal.LastSeq}, the journal has {count} through {last} (the journal is append-only: restore a backup)");
            }
        }
    }

    private async Task SyncCheckpointAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await using var read = db.CreateCommand(
            "select c.acked_seq, (select coalesce(max(seq), 0) from journal) from sync_checkpoint c where c.id = 1");
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return;
        }
        _compared++;
        var (acked, head) = (reader.GetInt64(0), reader.GetInt64(1));
        if (acked > head)
        {
            _mismatched++;
            _unrepairable++;
            await output.WriteLineAsync(
                $"sync: the cloud acknowledged events through seq {acked} but the journal ends at {head} (an older backup restored? the cloud holds events this store lacks)");
        }
    }

    private async Task JournalIndexesAsync(bool check, TextWriter output, CancellationToken cancellationToken)
    {
        await using (var has = db.CreateCommand("select exists (select 1 from pg_extension where extname = 'amcheck')"))
        {
            if (await has.ExecuteScalarAsync(cancellationToken) is not true)
            {
                await using var available = db.CreateCommand("select exists (select 1 from pg_available_extensions where name = 'amcheck')");
                if (await available.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    await output.WriteLineAsync("journal indexes: not checked (the server has no amcheck extension)");
                    return;
                }
                try
                {
                    await using var create = db.CreateCommand("create extension if not exists amcheck");
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (PostgresException e)
                {
                    await output.WriteLineAsync($"journal indexes: not checked (amcheck could not be enabled: {e.MessageText})");
                    return;
                }
            }
        }
        var indexes = new List<string>();
        await using (var list = db.CreateCommand("""
            select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
            where i.indrelid = 'journal'::regclass and a.amname = 'btree' order by c.relname
            """))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add(reader.GetString(0));
            }
        }
        foreach (var index in indexes)
        {
            _compared++;
            try
            {
                // heapallindexed: every journal row the index should hold is in it.
                await using var verify = db.CreateCommand("select bt_index_check($1::regclass, true)");
                verify.Parameters.Add(new NpgsqlParameter { Value = index });
                await verify.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.IndexCorrupted or PostgresErrorCodes.DataCorrupted)
            {
                _mismatched++;
                await output.WriteLineAsync($"journal index {index}: {e.MessageText}");
                if (!check)
                {
                    await using var reindex = db.CreateCommand($"reindex index \"{index}\"");
                    await reindex.ExecuteNonQueryAsync(cancellationToken);
                    _repaired++;
                    await output.WriteLineAsync($"journal index {index}: rebuilt from the journal");
                }
            }
        }
    }

    private static JsonNode? Parse(byte[] payload)
    {
        try
        {
            return JsonNode.Parse(Encoding.UTF8.GetString(payload));
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static JsonNode? Field(JsonObject o, string name) =>
        o.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// The same menu however it was written: the journal's camelCase JSON and the grain storage's (which may name
    /// property types and wrap lists as <c>$values</c>) both with lower-case names, sorted, without type names and
    /// without properties at their defaults (null, 0, false, "" or empty).
    /// </summary>
    internal static JsonNode? Canonical(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o when o.ContainsKey("$values"):
                return Canonical(o["$values"]);
            case JsonObject o:
                var canonical = new JsonObject();
                foreach (var (key, value) in o.Where(p => !p.Key.StartsWith('$')).OrderBy(p => p.Key.ToLowerInvariant(), StringComparer.Ordinal))
                {
                    if (Canonical(value) is { } v && !IsDefault(v))
                    {
                        canonical[key.ToLowerInvariant()] = v;
                    }
                }
                return canonical;
            case JsonArray a:
                return new JsonArray([.. a.Select(Canonical)]);
            default:
                return node?.DeepClone();
        }
    }

    private static bool IsDefault(JsonNode node) => node switch
    {
        JsonArray a => a.Count == 0,
        JsonObject o => o.Count == 0,
        JsonValue v => v.ToJsonString() is "0" or "false" or "\"\"" or "null",
        _ => false,
    };
}
