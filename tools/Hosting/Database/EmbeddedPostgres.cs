using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Pos.Hosting.Database;

/// <summary>
/// A PostgreSQL cluster of the appliance's own, in its data folder, run from the machine's PostgreSQL
/// binaries. It listens on a Unix socket only, so it never collides with another server's TCP port.
/// PostgreSQL refuses to run as root; when we are root the cluster runs as the 'postgres' user.
/// </summary>
public sealed partial class EmbeddedPostgres(string clusterDir, ILogger logger) : ISupervisedCluster
{
    public const string Database = "pos";
    public const string User = "pos";
    private const int Port = 5432;

    public string ClusterDir { get; } = clusterDir;
    public string DataDir => Path.Combine(ClusterDir, "data");
    public string SocketDir => Path.Combine(ClusterDir, "run");
    public string LogFile => Path.Combine(ClusterDir, "postgres.log");

    /// <summary>The postmaster's lock file: its first line is the postmaster's pid while the server runs.</summary>
    public string PidFile => Path.Combine(DataDir, "postmaster.pid");

    /// <summary>Whether <see cref="StartAsync"/> started the server (false: it found it running, left by an earlier run).</summary>
    public bool StartedHere { get; private set; }

    /// <summary>Chooses where the cluster of a data folder lives: inside it, unless the postgres user cannot reach it.</summary>
    public static string ClusterDirFor(string posData)
    {
        var inside = Path.Combine(Path.GetFullPath(posData), "postgres");
        if (!Environment.IsPrivilegedProcess)
        {
            return inside;
        }
        Directory.CreateDirectory(posData);
        // The socket path must fit in 107 bytes, and the postgres user must be able to walk to it.
        if (inside.Length < 80 && Run("runuser", ["-u", "postgres", "--", "test", "-x", Path.GetFullPath(posData)], throwOnError: false) == 0)
        {
            return inside;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(posData))))[..12];
        return Path.Combine("/var/lib/pos-embedded", hash);
    }

    public string ConnectionString(string database = Database) => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDir,
        Port = Port,
        Username = User,
        Database = database,
        MaxPoolSize = 100,
    }.ConnectionString;

    /// <summary>Creates the cluster if needed, starts it if it is not running, and makes sure the database exists.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await CreateAsync(cancellationToken);
        if (AsOwner(Path.Combine(FindBinaries(), "pg_ctl"), ["-D", DataDir, "status"], throwOnError: false) != 0)
        {
            StartServer();
            StartedHere = true;
        }
        await EnsureDatabaseAsync(Database, cancellationToken);
    }

    /// <summary>Creates the cluster's folders, and the cluster itself (initdb) unless it exists.</summary>
    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        var bin = FindBinaries();
        Directory.CreateDirectory(ClusterDir);
        Directory.CreateDirectory(SocketDir);
        if (Environment.IsPrivilegedProcess)
        {
            Run("chown", ["-R", "postgres:postgres", ClusterDir]);
        }
        if (!File.Exists(Path.Combine(DataDir, "PG_VERSION")))
        {
            LogInitializing(logger, DataDir);
            AsOwner(Path.Combine(bin, "initdb"), ["-D", DataDir, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
            await File.AppendAllTextAsync(Path.Combine(DataDir, "postgresql.conf"), $"""

                # store appliance: Unix socket only, durable commits
                listen_addresses = ''
                unix_socket_directories = '{SocketDir}'
                unix_socket_permissions = 0700
                port = {Port}
                max_connections = 200
                synchronous_commit = on
                fsync = on
                """, cancellationToken);
            if (Environment.IsPrivilegedProcess)
            {
                Run("chown", ["-R", "postgres:postgres", ClusterDir]);
            }
        }
    }

    /// <summary>
    /// Starts the server (pg_ctl start) and waits until it accepts connections, crash recovery included; throws
    /// with pg_ctl's words when it does not come up (a full disk, an old server process still holding the data).
    /// </summary>
    public void StartServer(int waitSeconds = 120)
    {
        LogStarting(logger, DataDir);
        AsOwner(Path.Combine(FindBinaries(), "pg_ctl"),
            ["-D", DataDir, "-l", LogFile, "-w", "-t", waitSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "start"]);
    }

    /// <summary>
    /// The postmaster's pid while it runs, else null: the pid in <see cref="PidFile"/>, if that process is alive, not a
    /// zombie, and a postmaster (<see cref="PostmasterFrom"/>). Read from the file and /proc, so watching it every
    /// second costs no process start.
    /// </summary>
    public int? PostmasterPid()
    {
        string? first;
        try
        {
            using var reader = new StreamReader(PidFile);
            first = reader.ReadLine();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // no lock file: no server
        }
        if (!int.TryParse(first, out var pid) || pid <= 0)
        {
            return null;
        }
        return PostmasterFrom(first, ReadProc(pid, "stat"), ReadProc(pid, "cmdline"));
    }

    /// <summary>
    /// The pid on the lock file's first line when /proc says that process is a live postmaster: its name (in
    /// <paramref name="stat"/>, "pid (comm) state ...") is postgres, it is not a zombie (Z) or dead (X), and its
    /// <paramref name="cmdline"/> is not one of a postmaster's children ("postgres: checkpointer" and the like). A pid
    /// the kernel gave to another program after the postmaster died is not mistaken for it.
    /// </summary>
    public static int? PostmasterFrom(string? pidLine, string? stat, string? cmdline)
    {
        if (!int.TryParse(pidLine, out var pid) || pid <= 0 || stat is null)
        {
            return null;
        }
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open || close + 2 > stat.Length)
        {
            return null;
        }
        var name = stat[(open + 1)..close];
        var state = stat[(close + 1)..].TrimStart();
        if (name != "postgres" || state.Length == 0 || state[0] is 'Z' or 'X')
        {
            return null;
        }
        // A child renames itself in its argv ("postgres: walwriter"); the postmaster keeps its command line.
        return cmdline is not null && cmdline.StartsWith("postgres:", StringComparison.Ordinal) ? null : pid;
    }

    /// <summary>/proc/&lt;pid&gt;/&lt;file&gt; with NULs as spaces, or null when there is no such process (or it cannot be read).</summary>
    private static string? ReadProc(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", conn);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "", StringComparison.Ordinal)}\"", conn);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>How long the server's log is now: where to look from for what a start writes (<see cref="LastServerError"/>).</summary>
    public long LogLength() => File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;

    /// <summary>
    /// The server's last FATAL or PANIC line written to its log after <paramref name="from"/> (e.g. a full disk, or
    /// an old server process still running), or null: what a person needs to know when it does not start.
    /// </summary>
    public string? LastServerError(long from)
    {
        try
        {
            using var log = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            log.Seek(Math.Max(from, log.Length - 8192), SeekOrigin.Begin);
            using var reader = new StreamReader(log);
            // "2026-12-02 02:47:18.624 UTC [11699] FATAL:  lock file "postmaster.pid" already exists": from the level on.
            return reader.ReadToEnd().Split('\n')
                .Select(l => l.IndexOf("FATAL:", StringComparison.Ordinal) is var f and >= 0 ? l[f..]
                    : l.IndexOf("PANIC:", StringComparison.Ordinal) is var p and >= 0 ? l[p..] : null)
                .LastOrDefault(l => l is not null)?.Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stops the server: <c>fast</c> (the default) ends sessions and checkpoints; <c>immediate</c> is a crash, recovered at the next start.</summary>
    public void Stop(string mode = "fast")
    {
        AsOwner(Path.Combine(FindBinaries(), "pg_ctl"), ["-D", DataDir, "-m", mode, "-w", "stop"], throwOnError: false);
    }

    /// <summary>The newest PostgreSQL server binaries on the machine, or POS_PG_BIN.</summary>
    public static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("POS_PG_BIN");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .ToList()
            : [];
        return candidates.FirstOrDefault() ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries found under /usr/lib/postgresql. Install them (apt-get install postgresql) " +
            "or set POS_DB to a PostgreSQL connection string, or POS_PG_BIN to the folder holding initdb and pg_ctl.");
    }

    private static int AsOwner(string program, string[] args, bool throwOnError = true) =>
        Environment.IsPrivilegedProcess
            ? Run("runuser", ["-u", "postgres", "--", program, .. args], throwOnError)
            : Run(program, args, throwOnError);

    private static int Run(string program, string[] args, bool throwOnError = true)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && throwOnError)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}{stdout.Result}");
        }
        return process.ExitCode;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating the embedded PostgreSQL cluster in {DataDir}")]
    private static partial void LogInitializing(ILogger logger, string dataDir);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting the embedded PostgreSQL cluster in {DataDir}")]
    private static partial void LogStarting(ILogger logger, string dataDir);
}

/// <summary>What the embedded cluster supervisor needs of a cluster: a fake in tests, <see cref="EmbeddedPostgres"/> otherwise.</summary>
public interface ISupervisedCluster
{
    string DataDir { get; }
    string LogFile { get; }
    bool StartedHere { get; }
    int? PostmasterPid();
    long LogLength();
    string? LastServerError(long from);
    void StartServer(int waitSeconds = 120);
}
