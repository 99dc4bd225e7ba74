using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Pos.EndToEnd.Tests.CardData;

/// <summary>
/// Everything a card number could have been kept in, as text to search: every value of every table of a database,
/// and every log line. A search for a card number's digits ignores the spaces and dashes it may have been written with.
/// </summary>
public static class StoredText
{
    /// <summary>
    /// Every value of every table in every schema of the database (the journal, the idempotency answers, the devices,
    /// the job queue...), one line per row; bytes are read as Latin-1, so digits in them show as digits.
    /// </summary>
    public static async Task<string> DatabaseAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables " +
            "where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1", conn))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        Assert.NotEmpty(tables);
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"select * from {table}", conn);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.Append(table).Append(':');
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(' ').Append(Show(await reader.IsDBNullAsync(i) ? null : reader.GetValue(i)));
                }
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>Where <paramref name="digits"/> (a number's digits alone) appear in <paramref name="text"/>, written with or without spaces and dashes.</summary>
    public static bool HoldsDigits(string text, string digits) =>
        new string([.. text.Where(c => c is not (' ' or '-' or '\u00A0'))]).Contains(digits, StringComparison.Ordinal);

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => s,
        byte[] bytes => Encoding.Latin1.GetString(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString() ?? "",
    };
}

/// <summary>Every log line the appliance writes, at every level from Trace (Orleans and Hangfire from Information).</summary>
public sealed class EveryLogLine : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public int Count => _lines.Count;

    public string Text() => string.Join("\n", _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    /// <summary>The rules that open this provider to every level, whatever the host's own configuration says.</summary>
    public static void Configure(LoggerFilterOptions options)
    {
        var provider = typeof(EveryLogLine).FullName;
        options.Rules.Add(new LoggerFilterRule(provider, null, LogLevel.Trace, null));
        // The silo's and the job server's own chatter at Trace is megabytes of timers; what they say of requests they say at Information.
        options.Rules.Add(new LoggerFilterRule(provider, "Orleans", LogLevel.Information, null));
        options.Rules.Add(new LoggerFilterRule(provider, "Microsoft.Orleans", LogLevel.Information, null));
        options.Rules.Add(new LoggerFilterRule(provider, "Hangfire", LogLevel.Information, null));
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"scope {category}: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The message, every value of its state by name, and the exception with its stack.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
        }
    }
}
