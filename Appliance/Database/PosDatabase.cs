using Npgsql;
using Pos.Appliance.Devices;
using Pos.Appliance.Hosting;
using Pos.Appliance.Journal;
using Pos.Grains.Journal;
using Pos.Hosting.Database;

namespace Pos.Appliance.Database;

/// <summary>
/// The appliance's PostgreSQL: POS_DB when set, else the embedded cluster in POS_DATA. Ready once started
/// and migrated; everything that reads the connection string does so after that.
/// </summary>
public sealed class PosDatabase : IAsyncDisposable
{
    private NpgsqlDataSource? _dataSource;
    private NpgsqlDataSource? _writerSource;

    private readonly string _dataDir;

    public PosDatabase(PosSettings settings, ILogger<PosDatabase> logger)
    {
        _dataDir = settings.DataDir;
        if (settings.Database is { } configured)
        {
            ConnectionString = configured;
        }
        else
        {
            // The embedded cluster's address is known before it runs, so Orleans can be configured up front.
            Embedded = new EmbeddedPostgres(EmbeddedPostgres.ClusterDirFor(settings.DataDir), logger);
            ConnectionString = Embedded.ConnectionString();
        }
    }

    public string ConnectionString { get; }
    public EmbeddedPostgres? Embedded { get; }
    public bool Ready => _dataSource is not null;

    public NpgsqlDataSource DataSource => _dataSource
        ?? throw new InvalidOperationException("The database is not started yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Embedded is not null)
        {
            await Embedded.StartAsync(cancellationToken);
            // For people and scripts (psql, pgbench): where the embedded cluster listens.
            await File.WriteAllTextAsync(Path.Combine(_dataDir, "postgres.conninfo"),
                $"host={Embedded.SocketDir} port=5432 user={EmbeddedPostgres.User} dbname={EmbeddedPostgres.Database}\n", cancellationToken);
        }
        var dataSource = Build(pooled: true);
        await Migrator.ApplyAsync(dataSource, typeof(PosDatabase).Assembly, cancellationToken);
        _writerSource = Build(pooled: false);
        _dataSource = dataSource;
    }

    /// <summary>
    /// A connection of the journal writer's own, outside the pool: the session lock it takes ends with it, so a
    /// connection the writer gives up can never keep holding the lock in the pool.
    /// </summary>
    public async Task<NpgsqlConnection> OpenWriterConnectionAsync(CancellationToken cancellationToken) =>
        await (_writerSource ?? throw new InvalidOperationException("The database is not started yet.")).OpenConnectionAsync(cancellationToken);

    private NpgsqlDataSource Build(bool pooled)
    {
        var builder = new NpgsqlDataSourceBuilder(ConnectionString);
        // The journal's statements run thousands of times a minute: let Npgsql prepare them once.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        if (!pooled)
        {
            builder.ConnectionStringBuilder.Pooling = false;
        }
        builder.ConfigureTracing(_ => { });
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
        if (_writerSource is not null)
        {
            await _writerSource.DisposeAsync();
        }
    }
}

/// <summary>
/// Starts the database, loads the devices' token hashes and starts the journal writer before the silo and the web server, and stops them after (hosted
/// services stop in reverse order). On the embedded cluster it also starts the supervisor, and on a clean stop
/// (SIGTERM, Ctrl-C) stops the cluster, whether this run started it or adopted it from a run that was killed.
/// </summary>
public sealed class DatabaseStartup(
    PosDatabase database, JournalWriter writer, JournalAvailability journal, PostgresDeviceDirectory devices, IServiceProvider services) : IHostedService
{
    private EmbeddedClusterSupervisor? _supervisor;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.StartAsync(cancellationToken);
        await devices.LoadAsync(cancellationToken);
        await writer.StartAsync(cancellationToken);
        writer.Reconnected += journal.Returned;
        // A device write whose outcome was unknown is known once the writer is back: the devices catch up with the journal.
        writer.Reconnected += devices.SettleSoon;
        _supervisor = services.GetService<EmbeddedClusterSupervisor>();
        _supervisor?.Start();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_supervisor is not null)
        {
            await _supervisor.StopAsync(cancellationToken);
        }
        writer.Reconnected -= journal.Returned;
        writer.Reconnected -= devices.SettleSoon;
        await writer.DisposeAsync();
        database.Embedded?.Stop();
    }
}
