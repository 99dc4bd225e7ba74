using System.Diagnostics;

namespace Pos.Appliance.Backups;

/// <summary>
/// Makes a folder's entries durable (fsync of the folder itself), so a file renamed into it keeps its new name through
/// a power cut. .NET opens no folder as a file, so coreutils' <c>sync FOLDER</c> does it (one process a night).
/// </summary>
public static class FolderSync
{
    public static async Task SyncAsync(string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("sync") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start) ?? throw new BackupFailedException("Could not start sync for the backup folder.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new BackupFailedException($"sync of the backup folder {folder} failed ({process.ExitCode}): {(await error).Trim()}");
        }
    }
}
