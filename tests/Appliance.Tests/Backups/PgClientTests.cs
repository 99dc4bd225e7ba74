using Pos.Appliance.Backups;

namespace Pos.Appliance.Tests.Backups;

/// <summary>pg_dump and pg_restore are told where to connect through libpq's environment, never on their command line.</summary>
public sealed class PgClientTests
{
    [Fact]
    public void A_connection_string_becomes_libpq_variables_with_the_password_in_PGPASSWORD()
    {
        var variables = PgClient.Variables("Host=db.example.com;Port=5433;Username=pos;Password=s3cret-pw;Database=store;SSL Mode=VerifyFull");

        Assert.Equal("db.example.com", variables["PGHOST"]);
        Assert.Equal("5433", variables["PGPORT"]);
        Assert.Equal("pos", variables["PGUSER"]);
        Assert.Equal("store", variables["PGDATABASE"]);
        Assert.Equal("s3cret-pw", variables["PGPASSWORD"]);
        Assert.Equal("verify-full", variables["PGSSLMODE"]);
        // Described for messages without it.
        Assert.DoesNotContain("s3cret-pw", PgClient.Describe("Host=db.example.com;Username=pos;Password=s3cret-pw;Database=store"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_password_an_inherited_PGPASSWORD_or_pgpass_applies()
    {
        var variables = PgClient.Variables("Host=/var/run/postgresql;Username=pos;Database=pos");

        Assert.False(variables.ContainsKey("PGPASSWORD"));
        Assert.Equal("/var/run/postgresql", variables["PGHOST"]);
    }
}
