using System.Diagnostics;
using Pos.Client.Outbox;
using Pos.Client.Storage;
using Pos.Client.Tests.Outbox;

namespace Pos.Client.Tests.Storage;

/// <summary>
/// The outbox of a real process killed with SIGKILL while it queues commands: every command it was told was kept is
/// there after the restart, once, in order, with the id it had; the next process goes on where it stopped.
/// </summary>
public sealed class FileStoreCrashTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pos-client-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Commands_kept_before_a_kill_are_there_after_it_once_in_order_with_their_ids()
    {
        var told = new List<(string Id, int N)>();
        for (var round = 0; round < 3; round++)
        {
            var (loaded, kept) = await RunAndKillAsync(afterKept: 150 + (round * 37));
            // Each process starts from everything the ones before said they kept, and at most one more each: a command
            // written to the disk just before the kill, before its line was printed.
            Assert.InRange(loaded, told.Count, told.Count + round);
            told.AddRange(kept);
        }

        using var store = new FileClientStore(_folder);
        var outbox = await store.LoadOutboxAsync();
        var ids = outbox.Select(c => c.CommandId).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        // The told commands appear in the order they were told, each with its id; at most one untold per kill between them.
        var positions = told.Select(t => ids.IndexOf(t.Id)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.InRange(ids.Count, told.Count, told.Count + 3);
    }

    [Fact]
    public async Task A_process_killed_while_queueing_hands_its_commands_to_the_next_sender_with_the_same_ids()
    {
        var (_, kept) = await RunAndKillAsync(afterKept: 40);
        using var store = new FileClientStore(_folder);
        var transport = new RecordingTransport();
        var outbox = new CommandOutbox(store, transport);
        await outbox.LoadAsync();

        var attempt = await outbox.FlushAsync();

        Assert.IsType<BatchAttempt.Answered>(attempt);
        var sent = transport.Sent.Select(c => c.CommandId).ToList();
        Assert.Equal(kept.Select(k => k.Id), sent.Take(kept.Count));
        Assert.Equal(sent.Count, sent.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(await store.LoadOutboxAsync());
    }

    /// <summary>Starts the probe, lets it keep at least <paramref name="afterKept"/> commands, and kills it.</summary>
    private async Task<(int Loaded, List<(string Id, int N)> Kept)> RunAndKillAsync(int afterKept)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Pos.Client.Probe.dll"), _folder, "1000000"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var probe = Process.Start(start)!;
        var kept = new List<(string Id, int N)>();
        var loaded = -1;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (kept.Count < afterKept && await probe.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                switch (line.Split(' '))
                {
                    case ["loaded", var count]:
                        loaded = int.Parse(count, System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case ["kept", var id, var n]:
                        kept.Add((id, int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)));
                        break;
                }
            }
        }
        finally
        {
            // SIGKILL: no flush, no finally in the probe; whatever it wrote to the disk is all there is.
            probe.Kill(entireProcessTree: true);
            await probe.WaitForExitAsync(CancellationToken.None);
        }
        // What it printed before it died is in the pipe still: each of those lines was a command kept.
        while (await probe.StandardOutput.ReadLineAsync(CancellationToken.None) is { } rest)
        {
            var parts = rest.Split(' ');
            if (parts is ["kept", var id, var n])
            {
                kept.Add((id, int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        Assert.True(kept.Count >= afterKept, $"the probe stopped early: {await probe.StandardError.ReadToEndAsync()}");
        return (loaded, kept);
    }
}
