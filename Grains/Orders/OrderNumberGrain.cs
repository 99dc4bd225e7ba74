using System.Globalization;
using Pos.Grains.Journal;

namespace Pos.Grains.Orders;

/// <summary>
/// Counts up from the highest number the journal holds for the date. A number handed out for an open
/// that then failed is skipped, never reused while this activation lives; after a restart the journal
/// says which numbers were really used.
/// </summary>
public sealed class OrderNumberGrain(IJournalLookups journal) : Grain, IOrderNumberGrain
{
    private int _last;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var date = DateOnly.ParseExact(this.GetPrimaryKeyString(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        _last = await journal.MaxOrderNumberAsync(date, cancellationToken);
    }

    public Task<int> Next() => Task.FromResult(++_last);
}
