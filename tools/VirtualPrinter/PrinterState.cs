using Pos.Grains.Printing.EscPos;

namespace Pos.VirtualPrinter;

/// <summary>How the virtual printer behaves right now.</summary>
internal enum PrinterMode
{
    Online,
    Offline,
    PaperOut,
    CoverOpen,
    Slow,
}

/// <summary>The printer's mode, shared by its connections and changed from the control port.</summary>
internal sealed class PrinterState
{
    public const int DefaultSlowMs = 2000;

    public const string Usage = "online|offline|paper-out|cover-open|slow <ms>|drop-next";

    private readonly Lock _lock = new();
    private PrinterMode _mode = PrinterMode.Online;
    private int _slowMs = DefaultSlowMs;
    private bool _dropNext;

    public PrinterStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _mode switch
                {
                    PrinterMode.Offline => PrinterStatus.Offline,
                    PrinterMode.PaperOut => PrinterStatus.PaperOut,
                    PrinterMode.CoverOpen => PrinterStatus.CoverOpen,
                    _ => PrinterStatus.Online,
                };
            }
        }
    }

    /// <summary>Offline, paper out and cover open print nothing and never confirm.</summary>
    public bool Prints => Status == PrinterStatus.Online;

    public TimeSpan AnswerDelay
    {
        get
        {
            lock (_lock)
            {
                return _mode == PrinterMode.Slow ? TimeSpan.FromMilliseconds(_slowMs) : TimeSpan.Zero;
            }
        }
    }

    /// <summary>Applies "online", "slow 500", "drop-next"...; returns an error message, or null when applied.</summary>
    public string? Apply(IReadOnlyList<string> words)
    {
        if (words.Count == 0)
        {
            return $"mode needs one of {Usage}";
        }
        var slowMs = DefaultSlowMs;
        if (words.Count > 1 && (words[0] != "slow" || !int.TryParse(words[1], out slowMs) || slowMs < 0 || words.Count > 2))
        {
            return $"unexpected '{string.Join(' ', words)}'; use {Usage}";
        }
        lock (_lock)
        {
            switch (words[0])
            {
                case "drop-next":
                    _dropNext = true;
                    return null;
                case "slow":
                    _slowMs = slowMs;
                    _mode = PrinterMode.Slow;
                    return null;
                case "online" or "offline" or "paper-out" or "cover-open":
                    _mode = Enum.Parse<PrinterMode>(words[0].Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
                    return null;
                default:
                    return $"unknown mode '{words[0]}'; use {Usage}";
            }
        }
    }

    /// <summary>True once after "drop-next": the caller drops the ticket it is receiving.</summary>
    public bool TakeDropNext()
    {
        lock (_lock)
        {
            var armed = _dropNext;
            _dropNext = false;
            return armed;
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            var mode = _mode switch
            {
                PrinterMode.PaperOut => "paper-out",
                PrinterMode.CoverOpen => "cover-open",
                PrinterMode.Slow => $"slow {_slowMs}",
                _ => _mode.ToString().ToLowerInvariant(),
            };
            return _dropNext ? $"{mode} drop-next" : mode;
        }
    }
}
