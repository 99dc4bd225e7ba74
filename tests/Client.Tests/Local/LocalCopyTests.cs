using Pos.Client.Storage;
using Pos.Contracts.Orders;

namespace Pos.Client.Tests.Local;

/// <summary>
/// A list of open orders that was on its way while answers came: it never sets an order back to an older version,
/// never brings a closed order back, and never drops an order an answer gave after the list was asked for.
/// </summary>
public sealed class LocalCopyTests
{
    private static OrderView Order(Guid id, int version, OrderStatus status = OrderStatus.Open) => new()
    {
        OrderId = id, Number = 1, Channel = Channel.Takeout, Table = null, Guests = null, Status = status, Version = version,
        BusinessDate = new DateOnly(2026, 12, 2), OpenedAt = new DateTimeOffset(2026, 12, 2, 19, 0, 0, TimeSpan.Zero),
        ClosedAt = null, Currency = "USD", Lines = [], SubtotalMinor = 0, TaxMinor = 0, TotalMinor = 0, PaidMinor = 0,
        TipMinor = 0, BalanceMinor = 0, ChangeDueMinor = 0, Payments = [],
    };

    [Fact]
    public async Task A_list_read_before_the_answers_does_not_undo_them()
    {
        var copy = new LocalCopy(new MemoryClientStore());
        var (older, closed, opened, gone) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await copy.TakeAsync(Order(gone, 2));
        var mark = copy.Mark;
        // While the list is on its way: answers give a newer version of one order, close another, open a third.
        await copy.TakeAsync(Order(older, 5));
        await copy.TakeAsync(Order(closed, 3, OrderStatus.Closed));
        await copy.TakeAsync(Order(opened, 1));

        await copy.SetOpenOrdersAsync([Order(older, 4), Order(closed, 2)], mark);

        Assert.Equal(5, copy.Order(older)!.Version);
        Assert.Null(copy.Order(closed));
        Assert.NotNull(copy.Order(opened));
        // Known before the list was asked for and not in it: closed meanwhile elsewhere.
        Assert.Null(copy.Order(gone));
    }
}
