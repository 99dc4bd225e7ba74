namespace Pos.Api.Problems;

/// <summary>
/// Recognises, for the host, an exception that means a dependency is away rather than a bug: the host's database
/// failing inside code that does not translate its errors (a library's, such as grain storage or the job dashboard).
/// <see cref="RequestProblemHandler"/> answers those with 503 journal-unavailable, like a
/// <see cref="Pos.Grains.Journal.JournalUnavailableException"/>.
/// </summary>
public interface IOutageDetector
{
    bool IsOutage(Exception exception);
}
