using Pos.Contracts.Reports;

namespace Pos.Cloud.Stores;

/// <summary>
/// A store's latest business dates folded so far, kept by its grain between batches, so a batch folds only its own
/// events into the date's figures (<see cref="Reports.DayFigures.AddAsync"/>), not every event of the date again.
/// Only a cache: the figures row says what each fold must hold and a fold that disagrees is made again from the
/// journal. A date leaves once its seal is stored (its events are done, but for a store contradicting its own seal,
/// which the journal then folds) or when two later dates came.
/// </summary>
public sealed class DayFolds
{
    /// <summary>How many dates a store keeps: the open one and the one before it (a day's late events, its seal).</summary>
    public const int MaxDates = 2;

    private readonly SortedDictionary<DateOnly, DayFold> _folds = [];

    /// <summary>The fold of <paramref name="date"/>, taken out: it comes back (<see cref="Keep"/>) only once its batch is stored.</summary>
    public DayFold? Take(DateOnly date) => _folds.Remove(date, out var fold) ? fold : null;

    /// <summary>Keeps a fold that matches what the journal holds after a stored batch.</summary>
    public void Keep(DayFold fold)
    {
        _folds[fold.BusinessDate] = fold;
        while (_folds.Count > MaxDates)
        {
            _folds.Remove(_folds.Keys.First());
        }
    }

    /// <summary>The store sealed <paramref name="date"/>: its fold is not needed again.</summary>
    public void Sealed(DateOnly date) => _folds.Remove(date);
}
