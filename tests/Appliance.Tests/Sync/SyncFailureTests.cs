using System.Net.Sockets;
using Npgsql;
using Pos.Appliance.Sync;
using Pos.Grains.Journal;

namespace Pos.Appliance.Tests.Sync;

/// <summary>
/// Whose failure an exception in a sync run is: the store's own database going away says nothing about the cloud (the
/// cloud's own failures are values, decided on in <see cref="SyncLoop"/>: see Cores/SyncLoopTests).
/// </summary>
public sealed class SyncFailureTests
{
    public static TheoryData<Exception, SyncFailure> Failures => new()
    {
        { new JournalUnavailableException("The store's database is not answering"), SyncFailure.Database },
        { new NpgsqlException("Failed to connect to /var/run/.s.PGSQL.5432", new SocketException((int)SocketError.ConnectionRefused)), SyncFailure.Database },
        { new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), SyncFailure.Database },
        { new NpgsqlException("The operation has timed out", new TimeoutException()), SyncFailure.Database },
        { Postgres("57P01", "terminating connection due to administrator command"), SyncFailure.Database },
        { Postgres("57P02", "terminating connection because of crash of another server process"), SyncFailure.Database },
        { Postgres("57P03", "the database system is starting up"), SyncFailure.Database },
        { Postgres("08006", "connection failure"), SyncFailure.Database },
        { Postgres("53100", "could not extend file: No space left on device"), SyncFailure.Database },
        { new AggregateException(new JournalUnavailableException("The store's database is not answering")), SyncFailure.Database },
        { new InvalidOperationException("wrapped", Postgres("57P01", "terminating connection due to administrator command")), SyncFailure.Database },
        { Postgres("23505", "duplicate key value violates unique constraint"), SyncFailure.Appliance },
        { Postgres("42P01", "relation \"sync_checkpoint\" does not exist"), SyncFailure.Appliance },
        { new NpgsqlException("Something else"), SyncFailure.Appliance },
        { new InvalidOperationException("a bug"), SyncFailure.Appliance },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_is_put_down_to_the_database_only_when_it_is_the_databases(Exception failure, SyncFailure expected) =>
        Assert.Equal(expected, SyncFailures.Classify(failure));

    private static PostgresException Postgres(string sqlState, string message) => new(message, "FATAL", "FATAL", sqlState);
}
