using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pos.Hosting.Database;

namespace Pos.Tests.Shared;

/// <summary>
/// A PostgreSQL cluster of one test's own, in a folder of its own, which the test may crash (<c>pg_ctl -m immediate
/// stop</c>) and start again without disturbing the shared test cluster every other test uses.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly string _dataDir;

    private OwnPostgres(string dataDir, EmbeddedPostgres cluster)
    {
        _dataDir = dataDir;
        Cluster = cluster;
    }

    public EmbeddedPostgres Cluster { get; }

    /// <summary>The connection string of its <c>pos</c> database (Unix socket, like the appliance's embedded cluster).</summary>
    public string ConnectionString => Cluster.ConnectionString();

    public static async Task<OwnPostgres> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("pos-own-pg-").FullName;
        var cluster = new EmbeddedPostgres(EmbeddedPostgres.ClusterDirFor(dir), NullLogger.Instance);
        await cluster.StartAsync(CancellationToken.None);
        return new OwnPostgres(dir, cluster);
    }

    /// <summary>Stops the server the hard way: every backend ends at once, no checkpoint; the next start recovers.</summary>
    public Task CrashAsync() => Task.Run(() => Cluster.Stop("immediate"));

    /// <summary>Starts the server again and waits until it accepts connections (crash recovery included).</summary>
    public Task StartAgainAsync() => Task.Run(() => Cluster.StartServer());

    public async ValueTask DisposeAsync()
    {
        await CrashAsync();
        NpgsqlConnection.ClearAllPools();
        foreach (var dir in new[] { Cluster.ClusterDir, _dataDir })
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // A folder left in /tmp is harmless.
            }
        }
    }
}
