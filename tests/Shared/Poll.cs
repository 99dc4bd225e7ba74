namespace Pos.Tests.Shared;

/// <summary>Waits for a condition by probing it on a timer until a deadline: never a fixed sleep.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var timer = new PeriodicTimer(Interval);
        Exception? last = null;
        var seen = "nothing";
        do
        {
            try
            {
                var value = await probe();
                seen = Describe(value);
                if (done(value))
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                last = ex;
            }
        }
        while (await NextTickAsync(timer, deadline.Token));
        throw new TimeoutException($"Timed out after {timeout} waiting for {what}; last seen: {seen}", last);
    }

    /// <summary>What the probe saw last, for the failure's message (a JSON answer says what it said).</summary>
    private static string Describe<T>(T value)
    {
        var text = value?.ToString() ?? "null";
        return text.Length <= 2_000 ? text : text[..2_000] + "...";
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken deadline)
    {
        try
        {
            return await timer.WaitForNextTickAsync(deadline);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
