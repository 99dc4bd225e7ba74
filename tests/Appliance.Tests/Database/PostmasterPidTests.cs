using Pos.Hosting.Database;


namespace Pos.Appliance.Tests.Database;

/// <summary>What /proc must say for the pid in postmaster.pid to count as a live postmaster: read as text, no process.</summary>
public sealed class PostmasterPidTests
{
    private const string Postmaster = "/usr/lib/postgresql/15/bin/postgres -D /var/lib/pos/postgres/data ";

    [Fact]
    public void A_live_postmaster_is_its_pid()
    {
        Assert.Equal(16692, EmbeddedPostgres.PostmasterFrom("16692", "16692 (postgres) S 1 16692 16692 0 -1 4194304", Postmaster));
    }

    [Fact]
    public void A_pid_the_kernel_gave_to_another_program_after_the_postmaster_died_is_not_it()
    {
        Assert.Null(EmbeddedPostgres.PostmasterFrom("16692", "16692 (bash) S 1 16692 16692 0 -1 4194304", "/bin/bash "));
        Assert.Null(EmbeddedPostgres.PostmasterFrom("16692", "16692 (dotnet) R 1 16692 16692 0 -1 4194304", "dotnet Pos.Appliance.dll "));
        // Another cluster's (or this one's) child process: a postgres, but not a postmaster.
        Assert.Null(EmbeddedPostgres.PostmasterFrom("16693", "16693 (postgres) S 16692 16693 16693 0 -1 4194368", "postgres: checkpointer "));
    }

    [Fact]
    public void A_killed_postmaster_nobody_reaped_or_no_process_at_all_is_not_running()
    {
        Assert.Null(EmbeddedPostgres.PostmasterFrom("16692", "16692 (postgres) Z 1 16692 16692 0 -1 4194304", ""));
        Assert.Null(EmbeddedPostgres.PostmasterFrom("16692", "16692 (postgres) X 1 16692 16692 0 -1 4194304", ""));
        Assert.Null(EmbeddedPostgres.PostmasterFrom("16692", stat: null, cmdline: null));
        Assert.Null(EmbeddedPostgres.PostmasterFrom("", "16692 (postgres) S 1", Postmaster));
        Assert.Null(EmbeddedPostgres.PostmasterFrom("-1", "16692 (postgres) S 1", Postmaster));
        Assert.Null(EmbeddedPostgres.PostmasterFrom("16692", "16692 (postgres", Postmaster));
    }

    [Fact]
    public void A_postmaster_whose_command_line_cannot_be_read_still_counts_by_its_name()
    {
        Assert.Equal(16692, EmbeddedPostgres.PostmasterFrom("16692", "16692 (postgres) S 1 16692", cmdline: null));
    }
}
