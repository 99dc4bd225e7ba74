using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pos.Hosting.Database;

namespace Pos.Chaos.Stack;

/// <summary>
/// A PostgreSQL cluster of the run's own (the machine's binaries, run as the unprivileged 'postgres' user when the
/// suite runs as root), in a folder of the run: the store's, which the faults stop with <c>-m immediate</c>, or the cloud's.
/// </summary>
public sealed class ChaosPostgres : IAsyncDisposable
{
    private readonly EmbeddedPostgres _cluster;

    private ChaosPostgres(EmbeddedPostgres cluster) => _cluster = cluster;

    /// <summary>The connection string of its <c>pos</c> database (Unix socket).</summary>
    public string ConnectionString => _cluster.ConnectionString();

    /// <summary>A fresh cluster for <paramref name="dir"/>: one left by an earlier run there is stopped and removed first.</summary>
    public static async Task<ChaosPostgres> StartFreshAsync(string dir, CancellationToken cancellationToken)
    {
        RemoveLeftover(dir);
        var cluster = new EmbeddedPostgres(EmbeddedPostgres.ClusterDirFor(dir), NullLogger.Instance);
        await cluster.StartAsync(cancellationToken);
        return new ChaosPostgres(cluster);
    }

    /// <summary>Stops and removes the cluster an earlier run left for <paramref name="dir"/>, if any.</summary>
    public static void RemoveLeftover(string dir)
    {
        var cluster = new EmbeddedPostgres(EmbeddedPostgres.ClusterDirFor(dir), NullLogger.Instance);
        if (Directory.Exists(cluster.DataDir))
        {
            cluster.Stop("immediate");
        }
        if (Directory.Exists(cluster.ClusterDir))
        {
            Directory.Delete(cluster.ClusterDir, recursive: true);
        }
    }

    /// <summary>The crash: every backend ends at once, no checkpoint; the next start recovers from the WAL.</summary>
    public Task CrashAsync() => Task.Run(() => _cluster.Stop("immediate"));

    /// <summary>Starts it again and waits until it accepts connections (crash recovery included).</summary>
    public Task StartAgainAsync() => Task.Run(() => _cluster.StartServer());

    public async ValueTask DisposeAsync()
    {
        await CrashAsync();
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_cluster.ClusterDir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next run, which removes it.
        }
    }
}
