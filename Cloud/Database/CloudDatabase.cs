using Npgsql;
using Pos.Cloud.Hosting;
using Pos.Cloud.Stores;
using Pos.Hosting.Database;

namespace Pos.Cloud.Database;

/// <summary>
/// The cloud's PostgreSQL: POS_CLOUD_DB when set, else an embedded cluster in POS_DATA/cloud. Every silo of a
/// cluster points at the same database; the schema is migrated (under an advisory lock) by whichever starts first.
/// </summary>
public sealed class CloudDatabase : IAsyncDisposable
{
    private NpgsqlDataSource? _dataSource;

    public CloudDatabase(CloudSettings settings, ILogger<CloudDatabase> logger)
    {
        if (settings.Database is { } configured)
        {
            ConnectionString = configured;
        }
        else
        {
            Embedded = new EmbeddedPostgres(EmbeddedPostgres.ClusterDirFor(Path.Combine(settings.DataDir, "cloud")), logger);
            ConnectionString = Embedded.ConnectionString();
        }
    }

    public string ConnectionString { get; }
    public EmbeddedPostgres? Embedded { get; }

    public NpgsqlDataSource DataSource => _dataSource
        ?? throw new InvalidOperationException("The cloud database is not started yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Embedded is not null)
        {
            await Embedded.StartAsync(cancellationToken);
        }
        var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await Migrator.ApplyAsync(dataSource, typeof(CloudDatabase).Assembly, cancellationToken);
        _dataSource = dataSource;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}

/// <summary>
/// Starts and migrates the database before the silo (clustering needs its tables) and the web server, and reads the
/// stores' secrets into memory.
/// </summary>
public sealed class CloudDatabaseStartup(CloudDatabase database, StoreRegistry stores) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.StartAsync(cancellationToken);
        await stores.LoadAsync(cancellationToken);
    }

    // Stopped after the silo and the web server (hosted services stop in reverse order).
    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (database.Embedded is { StartedHere: true } embedded)
        {
            embedded.Stop();
        }
        return Task.CompletedTask;
    }
}
