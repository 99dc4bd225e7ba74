using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pos.Hosting.Database;

namespace Pos.Tests.Shared;

/// <summary>
/// The real PostgreSQL the tests run against: POS_TEST_DB (a connection string with the right to create
/// databases) when set, as `./pos test` does; otherwise an embedded cluster of this test process.
/// Every fixture gets a database of its own, so tests never see each other's journal.
/// </summary>
public static class TestPostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _admin;

    public static async Task<string> AdminConnectionStringAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_admin is not null)
            {
                return _admin;
            }
            var configured = Environment.GetEnvironmentVariable("POS_TEST_DB");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return _admin = configured;
            }
            // Several test processes may start at once: one starts the cluster, the others find it running.
            var dir = Environment.GetEnvironmentVariable("POS_TEST_DATA") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "pos-test-pg");
            Directory.CreateDirectory(dir);
            await using var exclusive = await LockAsync(Path.Combine(dir, "start.lock"));
            var embedded = new EmbeddedPostgres(EmbeddedPostgres.ClusterDirFor(dir), NullLogger.Instance);
            await embedded.StartAsync(CancellationToken.None);
            // `./pos test` stops the cluster afterwards; this says where it is.
            await File.WriteAllTextAsync(Path.Combine(dir, "cluster-data-dir"), embedded.DataDir);
            return _admin = embedded.ConnectionString("postgres");
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>An exclusive lock file, waited for with a deadline while another test process holds it.</summary>
    private static Task<FileStream> LockAsync(string path) =>
        Poll.UntilAsync(
            () => Task.FromResult<FileStream?>(TryOpenExclusive(path)),
            stream => stream is not null,
            TimeSpan.FromMinutes(2),
            $"the lock {path}")!;

    private static FileStream? TryOpenExclusive(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var admin = await AdminConnectionStringAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..30].ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", conn);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
    }
}
