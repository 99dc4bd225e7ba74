using Pos.Contracts.Orders;
using Pos.Grains.Orders;

namespace Pos.Grains.Tests.Orders;

/// <summary>Exact checks of the things a decision can be.</summary>
internal static class DecisionAssert
{
    /// <summary>Refused because of the command itself: a rejection.</summary>
    public static void Refused(Decision decision, string code, string? field = null)
    {
        Assert.False(decision.IsConflict, $"{code} should be a rejection, not a conflict");
        Refusal(decision, code, field);
    }

    /// <summary>Refused because of what the order has become: a conflict.</summary>
    public static void Conflict(Decision decision, string code, string? field = null)
    {
        Assert.True(decision.IsConflict, $"{code} should be a conflict, not a rejection");
        Refusal(decision, code, field);
    }

    private static void Refusal(Decision decision, string code, string? field)
    {
        Assert.NotNull(decision.Error);
        Assert.Equal(code, decision.Error.Code);
        Assert.Equal(field, decision.Error.Field);
        Assert.False(string.IsNullOrWhiteSpace(decision.Error.Detail));
        Assert.Empty(decision.Events);
        Assert.False(decision.Duplicate);
    }

    public static void Duplicate(Decision decision)
    {
        Assert.True(decision.Duplicate);
        Assert.Null(decision.Error);
        Assert.Empty(decision.Events);
    }

    public static void Nothing(Decision decision)
    {
        Assert.False(decision.Duplicate);
        Assert.Null(decision.Error);
        Assert.Empty(decision.Events);
    }

    public static TEvent Single<TEvent>(Decision decision) where TEvent : OrderEvent
    {
        Assert.Null(decision.Error);
        Assert.False(decision.Duplicate);
        return Assert.IsType<TEvent>(Assert.Single(decision.Events));
    }
}
