namespace Pos.Grains.Journal;

/// <summary>The journal could not be written: the command was not applied, or its outcome is unknown.</summary>
[GenerateSerializer, Alias("pos.journal-unavailable")]
public sealed class JournalUnavailableException : Exception
{
    public JournalUnavailableException()
    {
    }

    public JournalUnavailableException(string message) : base(message)
    {
    }

    public JournalUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
