namespace Pos.Bench.Orders;

/// <summary>psql from pgbench's folder, on the same conninfo pgbench uses.</summary>
internal sealed class Psql(string psqlPath, string connInfo)
{
    public static Psql BesidePgBench(string pgBenchPath, string connInfo)
    {
        var beside = Path.Combine(Path.GetDirectoryName(pgBenchPath) ?? "", "psql");
        return new Psql(File.Exists(beside) ? beside : "psql", connInfo);
    }

    public Task<CommandResult> RunAsync(string sql, CancellationToken cancellationToken) =>
        ExternalCommand.RunAsync(
            psqlPath,
            ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", connInfo, "-c", sql],
            cancellationToken);
}

/// <summary>What the report says about the server: the settings that decide whether a commit is durable.</summary>
internal sealed record PostgresInfo(string Version, string SynchronousCommit, string Fsync)
{
    public bool IsDurable => SynchronousCommit == "on" && Fsync == "on";

    public static async Task<(PostgresInfo? Info, string? Error)> ReadAsync(Psql psql, CancellationToken cancellationToken)
    {
        var result = await psql.RunAsync(
            "select current_setting('server_version') || '|' || current_setting('synchronous_commit') || '|' || current_setting('fsync')",
            cancellationToken);
        if (!result.Succeeded)
        {
            return (null, $"psql could not query PostgreSQL ({result.Describe()})");
        }

        var parts = result.StandardOutput.Trim().Split('|');
        return parts.Length == 3
            ? (new PostgresInfo(parts[0], parts[1], parts[2]), null)
            : (null, $"unexpected psql output: {result.StandardOutput.Trim()}");
    }
}
