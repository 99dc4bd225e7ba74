using System.Security.Cryptography;
using Pos.Grains.Journal;

namespace Pos.Api.Commands;

/// <summary>Where a repeatable command came from: a single request with an Idempotency-Key, or a device's queued command.</summary>
public enum CommandSource
{
    Request,
    DeviceQueue,
}

/// <summary>What to do with a command that carries a key.</summary>
public enum RepeatVerdict
{
    /// <summary>Nothing is kept under the key and nothing runs under it: run the command.</summary>
    FirstTime,

    /// <summary>The same command was answered before: give the kept answer again, run nothing.</summary>
    Repeat,

    /// <summary>Another command was answered under this key: refuse (422), run nothing.</summary>
    KeyReused,

    /// <summary>The first command under this key is still running: refuse for now (409), the sender retries.</summary>
    InFlight,

    /// <summary>The first command under this key is still running: wait for it, then judge again.</summary>
    WaitForFirst,
}

/// <summary>
/// The repeat rules, once, for single requests and device batches alike (docs/CONFLICTS.md). A key is judged by what
/// is kept under it and by whether its first command is still running; the fingerprint (the request's method, path
/// and body, or the queued command's type, order, expected version and payload) tells a repeat from another command
/// reusing the key, compared in fixed time.
/// </summary>
public static class RepeatRules
{
    public static RepeatVerdict Judge(KeptAnswer? kept, ReadOnlySpan<byte> fingerprint, bool firstStillRunning, CommandSource source)
    {
        if (firstStillRunning)
        {
            // A request's sender sees 409 and retries; a device's queue must not stall on its own resend, so a queued
            // command waits for the first one's answer.
            return source == CommandSource.Request ? RepeatVerdict.InFlight : RepeatVerdict.WaitForFirst;
        }
        if (kept is null)
        {
            return RepeatVerdict.FirstTime;
        }
        return CryptographicOperations.FixedTimeEquals(kept.Fingerprint, fingerprint) ? RepeatVerdict.Repeat : RepeatVerdict.KeyReused;
    }
}
