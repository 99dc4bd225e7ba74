using System.Diagnostics;
using System.Text;

namespace Pos.EndToEnd.Tests.Contract;

/// <summary>What a tool printed (all of it, and its standard output alone) and how it ended.</summary>
public sealed record ToolResult(int ExitCode, string Output, string StandardOutput = "")
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// Runs a command-line tool the contract tests need (npx, dotnet tools, the generated clients) to its end, within a
/// deadline, with its output kept for the assertion message. The tools are told to stay off the network: no update
/// checks, no telemetry.
/// </summary>
public static class ToolRun
{
    private static readonly Dictionary<string, string> Quiet = new(StringComparer.Ordinal)
    {
        ["KIOTA_OFFLINE_ENABLED"] = "true",
        ["KIOTA_CLI_TELEMETRY_OPTOUT"] = "true",
        ["KIOTA_TUTORIAL_ENABLED"] = "false",
        ["KIOTA_CONSOLE_COLORS_ENABLED"] = "false",
        ["REDOCLY_TELEMETRY"] = "off",
        ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
        ["NO_COLOR"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["npm_config_update_notifier"] = "false",
    };

    public static async Task<ToolResult> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan deadline)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in Quiet)
        {
            start.Environment[name] = value;
        }
        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            Append(output, e.Data);
            Append(standardOutput, e.Data);
        };
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new ToolResult(-1, $"{file} {string.Join(' ', arguments)} did not end within {deadline.TotalSeconds:0} s:\n{Text(output)}");
        }
        return new ToolResult(process.ExitCode, Text(output), Text(standardOutput));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
