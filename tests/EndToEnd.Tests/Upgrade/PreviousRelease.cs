using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;
using Pos.Hosting.Database;
using Pos.Tests.Shared;

namespace Pos.EndToEnd.Tests.Upgrade;

/// <summary>
/// tests/Fixtures/previous-release: the databases of the previous release after a day of traffic (plain pg_dump), and
/// what that release answered (manifest.json, appliance-daily.json, cloud-daily.json), made by
/// tools/fixtures/make-previous-release.sh.
/// </summary>
public sealed class PreviousRelease
{
    private PreviousRelease(string dir, JsonObject manifest)
    {
        Dir = dir;
        Manifest = manifest;
    }

    public string Dir { get; }
    public JsonObject Manifest { get; }
    public string BusinessDate => (string)Manifest["businessDate"]!;
    public string StoreId => (string)Manifest["storeId"]!;

    /// <summary>The repository's root: the folder above the test's build output that holds Appliance.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Appliance.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No Appliance.sln above {AppContext.BaseDirectory}.");
    }

    public static PreviousRelease Load()
    {
        var dir = Path.Combine(RepositoryRoot(), "tests", "Fixtures", "previous-release");
        return new PreviousRelease(dir, JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")))!.AsObject());
    }

    public JsonNode Answer(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, file)))!;

    /// <summary>The migrations a host of the current build applies: the names of its Database/Migrations/*.sql.</summary>
    public static IReadOnlyList<string> CurrentMigrations(string host) =>
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot(), host, "Database", "Migrations"), "*.sql")
            .Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>A fresh database with <paramref name="dump"/> restored into it by psql (stopping at the first error).</summary>
    public async Task<string> RestoreAsync(string dump)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("upgrade");
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Path.Combine(EmbeddedPostgres.FindBinaries(), "psql"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", c.Host!, "-p", c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-U", c.Username!, "-d", c.Database!, "-f", Path.Combine(Dir, dump) })
        {
            start.ArgumentList.Add(arg);
        }
        if (c.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        using var psql = Process.Start(start)!;
        var output = psql.StandardOutput.ReadToEndAsync();
        var errors = psql.StandardError.ReadToEndAsync();
        await psql.WaitForExitAsync();
        Assert.True(psql.ExitCode == 0, $"psql could not restore {dump}: {await errors}{await output}");
        return connectionString;
    }

    /// <summary>The count of <paramref name="table"/>'s rows (of the fixture's store in the cloud) and the md5 of their event ids and seqs in order.</summary>
    public async Task<JsonObject> JournalAsync(string connectionString, string table)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        var where = table == "store_journal" ? "where store_id = $1" : "where $1::text is not null";
        await using var cmd = db.CreateCommand(
            $"select json_build_object('count', count(*), 'checksum', md5(string_agg(event_id::text || ':' || seq, ',' order by seq)))::text from {table} {where}");
        cmd.Parameters.Add(new NpgsqlParameter { Value = StoreId });
        return JsonNode.Parse((string)(await cmd.ExecuteScalarAsync())!)!.AsObject();
    }

    /// <summary>The migrations schema_migrations records as applied.</summary>
    public static async Task<IReadOnlyList<string>> AppliedMigrationsAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var cmd = db.CreateCommand("select name from schema_migrations order by name");
        await using var reader = await cmd.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }
}
