using System.Text;
using Pos.Client.Outbox;
using Pos.Client.Storage;

namespace Pos.Client.Tests.Storage;

public sealed class FileClientStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pos-client-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static QueuedCommand Command(int n) =>
        new($"c{n}", "fire", Guid.Parse("0b7d5d0e-93a8-4c25-8d1e-2b1d4c3f0a02"), n, new DateTimeOffset(2026, 12, 2, 19, 0, n % 60, TimeSpan.FromHours(-5)), null);

    [Fact]
    public async Task Appends_and_removals_are_read_back_by_the_next_store_on_the_folder()
    {
        using (var store = new FileClientStore(_folder))
        {
            await store.AppendAsync([Command(1), Command(2), Command(3)]);
            await store.RemoveAsync(["c2"]);
            await store.AppendAsync([Command(4)]);
            await store.WriteAsync("menu", """{"version":3}""");
        }
        using var again = new FileClientStore(_folder);
        var outbox = await again.LoadOutboxAsync();
        Assert.Equal(["c1", "c3", "c4"], outbox.Select(c => c.CommandId));
        Assert.Equal(Command(3), outbox[1]);
        Assert.Equal("""{"version":3}""", await again.ReadAsync("menu"));
        Assert.Null(await again.ReadAsync("orders"));
    }

    [Fact]
    public async Task A_last_line_cut_short_by_a_crash_is_dropped_and_the_log_goes_on()
    {
        using (var store = new FileClientStore(_folder))
        {
            await store.AppendAsync([Command(1)]);
        }
        await File.AppendAllTextAsync(Path.Combine(_folder, "outbox.log"), """{"add":{"commandId":"c2","ty""", Encoding.UTF8);
        using (var store = new FileClientStore(_folder))
        {
            Assert.Equal(["c1"], (await store.LoadOutboxAsync()).Select(c => c.CommandId));
            await store.AppendAsync([Command(3)]);
        }
        using var again = new FileClientStore(_folder);
        Assert.Equal(["c1", "c3"], (await again.LoadOutboxAsync()).Select(c => c.CommandId));
    }

    [Fact]
    public async Task A_last_line_torn_by_a_power_cut_though_it_ends_in_a_newline_is_dropped()
    {
        using (var store = new FileClientStore(_folder))
        {
            await store.AppendAsync([Command(1)]);
        }
        // The blocks of the last write reached the disk out of order: its newline did, its text did not.
        await File.AppendAllTextAsync(Path.Combine(_folder, "outbox.log"), "\0\0\0\0\0\n", Encoding.UTF8);
        using var again = new FileClientStore(_folder);
        Assert.Equal(["c1"], (await again.LoadOutboxAsync()).Select(c => c.CommandId));
    }

    [Fact]
    public async Task A_damaged_line_in_the_middle_is_an_error_not_a_silent_loss()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "outbox.log"), "not json\n{\"remove\":[\"x\"]}\n");
        using var store = new FileClientStore(_folder);
        await Assert.ThrowsAsync<InvalidDataException>(() => store.LoadOutboxAsync());
    }

    [Fact]
    public async Task The_log_is_compacted_once_answered_commands_dominate_it()
    {
        using (var store = new FileClientStore(_folder, compactAfterRemoved: 100))
        {
            for (var i = 0; i < 300; i++)
            {
                await store.AppendAsync([Command(i)]);
                if (i % 3 != 0)
                {
                    await store.RemoveAsync([$"c{i}"]);
                }
            }
        }
        var lines = await File.ReadAllLinesAsync(Path.Combine(_folder, "outbox.log"));
        // 300 added and 200 removed would be 500 lines without a rewrite.
        Assert.True(lines.Length <= 300, $"the log has {lines.Length} lines");
        using var again = new FileClientStore(_folder);
        Assert.Equal(Enumerable.Range(0, 300).Where(i => i % 3 == 0).Select(i => $"c{i}"), (await again.LoadOutboxAsync()).Select(c => c.CommandId));
    }

    [Fact]
    public void A_second_process_on_the_same_folder_is_refused()
    {
        using var store = new FileClientStore(_folder);
        Assert.Throws<IOException>(() => new FileClientStore(_folder));
    }

    [Fact]
    public async Task Document_names_cannot_leave_the_folder()
    {
        using var store = new FileClientStore(_folder);
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync("../escape", "{}"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAsync(".lock"));
    }
}
