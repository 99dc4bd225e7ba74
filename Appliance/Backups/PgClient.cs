using System.Diagnostics;
using Npgsql;
using Pos.Hosting.Database;

namespace Pos.Appliance.Backups;

/// <summary>
/// pg_dump and pg_restore of the machine's newest PostgreSQL (the folder the embedded cluster's initdb comes from, or
/// POS_PG_BIN), connected through libpq's environment (PGHOST, PGUSER, PGPASSWORD...), so neither a password nor a
/// connection string is ever on a command line another user could read with ps.
/// </summary>
public static class PgClient
{
    /// <summary>Runs <paramref name="program"/> against the database <paramref name="connectionString"/> names; returns its exit code and what it wrote to stderr.</summary>
    public static async Task<(int ExitCode, string Error)> RunAsync(
        string program, string connectionString, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path.Combine(EmbeddedPostgres.FindBinaries(), program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in Variables(connectionString))
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        await output;
        return (process.ExitCode, (await error).Trim());
    }

    /// <summary>
    /// libpq's variables for a connection string (null: unset, so an inherited one does not apply). Without a password in
    /// it, PGPASSWORD is left as inherited and libpq also reads ~/.pgpass (or PGPASSFILE).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Variables(string connectionString)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var variables = new Dictionary<string, string?>
        {
            ["PGHOST"] = c.Host,
            ["PGPORT"] = c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = c.Username,
            ["PGDATABASE"] = c.Database,
            ["PGSSLMODE"] = c.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            },
            ["PGAPPNAME"] = "pos-backup",
            ["PGCONNECT_TIMEOUT"] = "15",
        };
        if (c.Password is { Length: > 0 } password)
        {
            variables["PGPASSWORD"] = password;
        }
        if (c.Passfile is { Length: > 0 } passfile)
        {
            variables["PGPASSFILE"] = passfile;
        }
        return variables;
    }

    /// <summary>Where a connection string points, without its credentials: for messages.</summary>
    public static string Describe(string connectionString)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        return $"database '{c.Database}' on {c.Host}:{c.Port}";
    }
}
