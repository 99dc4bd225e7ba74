using Npgsql;

namespace Pos.Hosting.Database;

/// <summary>
/// A host's maintenance command (the appliance's <c>rebuild</c>, the cloud's <c>rebuild-projections</c>) on the database
/// the host uses: started and migrated forward as the host would start it, the command run on it, and an embedded
/// cluster started for the command stopped again. A database that cannot be opened is exit code
/// <see cref="NoDatabase"/> with one line on standard error saying what to set.
/// </summary>
public static class MaintenanceDatabase
{
    public const int NoDatabase = 3;

    /// <param name="start">Starts (and migrates) the database, as the host does.</param>
    /// <param name="dataSource">The started database's data source.</param>
    /// <param name="embedded">The embedded cluster the database runs on, if any.</param>
    /// <param name="cannotOpen">What the error line says after the fault, e.g. "set POS_DB or POS_DATA as the appliance has them".</param>
    /// <param name="run">The command, on the data source; its exit code.</param>
    public static async Task<int> RunAsync(
        Func<CancellationToken, Task> start, Func<NpgsqlDataSource> dataSource, Func<EmbeddedPostgres?> embedded, string cannotOpen,
        Func<NpgsqlDataSource, Task<int>> run)
    {
        try
        {
            await start(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
            await Console.Error.WriteLineAsync($"error: could not open the database ({e.Message}); {cannotOpen}.");
            return NoDatabase;
        }
        try
        {
            return await run(dataSource());
        }
        finally
        {
            if (embedded() is { StartedHere: true } cluster)
            {
                cluster.Stop();
            }
        }
    }
}
