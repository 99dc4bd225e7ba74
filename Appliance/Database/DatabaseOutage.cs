using System.Net.Sockets;
using Npgsql;
using Pos.Grains.Journal;

namespace Pos.Appliance.Database;

/// <summary>
/// Tells a database that is not answering (stopped, restarting, out of disk, the connection cut) from a bug, and
/// turns the first into <see cref="JournalUnavailableException"/>: a type every layer knows, that crosses Orleans
/// as itself, and that the API answers with 503 journal-unavailable. Anything else stays what it was.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>What a client is told: nothing happened, the same request may be sent again.</summary>
    public const string Detail = "The store's database is not answering";

    /// <summary>Whether <paramref name="exception"/>, or any exception inside it, says the database cannot be reached.</summary>
    public static bool IsOutage(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case JournalUnavailableException:
                    return true;
                case PostgresException postgres when IsOutageState(postgres.SqlState):
                    return true;
                case PostgresException:
                    return false; // the server answered: a refusal, not an outage
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsOutage):
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// SQLSTATEs of a server that cannot serve now: class 08 (connection exception), 57P01-57P03 (shutting
    /// down, crashed, starting up), class 53 (insufficient resources: a full disk, too many connections).
    /// </summary>
    public static bool IsOutageState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState is "57P01" or "57P02" or "57P03";

    /// <summary>Runs a database call; a database that is not answering comes out as <see cref="JournalUnavailableException"/>.</summary>
    public static async Task<T> GuardAsync<T>(Task<T> call, NpgsqlDataSource? pool = null)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not JournalUnavailableException && IsOutage(e))
        {
            throw Unavailable(e, pool);
        }
    }

    /// <inheritdoc cref="GuardAsync{T}(Task{T}, NpgsqlDataSource?)"/>
    public static async Task GuardAsync(Task call, NpgsqlDataSource? pool = null)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not JournalUnavailableException && IsOutage(e))
        {
            throw Unavailable(e, pool);
        }
    }

    private static JournalUnavailableException Unavailable(Exception cause, NpgsqlDataSource? pool)
    {
        // Idle pooled connections died with the server: drop them, so the first requests after its return
        // open new ones instead of failing on the dead.
        pool?.Clear();
        return new JournalUnavailableException($"{Detail}: {cause.Message}", cause);
    }
}
