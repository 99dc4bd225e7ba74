using Pos.Contracts.Money;


namespace Pos.Grains.Tests.Money;

public sealed class LineTaxTests
{
    // The largest net amount whose product with 825 bp still fits in a long.
    private const long LargestNetAt825 = long.MaxValue / 825;

    [Theory]
    [InlineData(200L, 825, 17L)]       // 16.5: an exact half rounds up
    [InlineData(2500L, 825, 206L)]     // 206.25
    [InlineData(1425L, 825, 118L)]     // 117.5625
    [InlineData(1000L, 825, 83L)]      // 82.5
    [InlineData(1L, 4999, 0L)]         // 0.4999
    [InlineData(1L, 5000, 1L)]         // 0.5
    [InlineData(0L, 825, 0L)]
    public void For_RoundsHalfAwayFromZero_ForPositiveAmounts(long netMinor, int rateBp, long expected)
    {
        Assert.Equal(expected, LineTax.For(netMinor, rateBp));
    }

    [Theory]
    [InlineData(-200L, 825, -17L)]     // -16.5: an exact half rounds away from zero, not up
    [InlineData(-2500L, 825, -206L)]   // -206.25
    [InlineData(-1425L, 825, -118L)]   // -117.5625
    [InlineData(-1L, 4999, 0L)]
    [InlineData(-1L, 5000, -1L)]
    public void For_RoundsHalfAwayFromZero_ForNegativeAmounts(long netMinor, int rateBp, long expected)
    {
        Assert.Equal(expected, LineTax.For(netMinor, rateBp));
    }

    [Theory]
    [InlineData(1999L)]
    [InlineData(-1999L)]
    [InlineData(long.MaxValue)]
    public void For_IsZero_AtZeroBasisPoints(long netMinor)
    {
        Assert.Equal(0L, LineTax.For(netMinor, 0));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(1999L)]
    [InlineData(-1999L)]
    public void For_IsTheWholeAmount_AtTenThousandBasisPoints(long netMinor)
    {
        Assert.Equal(netMinor, LineTax.For(netMinor, LineTax.MaxRateBp));
    }

    [Fact]
    public void For_IsExact_AtTheLargestAmountThatDoesNotOverflow()
    {
        // 11179844893157304 * 825 / 10000 = 922337203685477.58
        Assert.Equal(922_337_203_685_478L, LineTax.For(LargestNetAt825, 825));
    }

    [Theory]
    [InlineData(LargestNetAt825 + 1)]
    [InlineData(-LargestNetAt825 - 1)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void For_ThrowsOverflow_WhenAmountTimesRateDoesNotFitInALong(long netMinor)
    {
        Assert.Throws<OverflowException>(() => LineTax.For(netMinor, 825));
    }

    [Fact]
    public void For_ThrowsArgumentOutOfRange_WhenRateIsNegative()
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => LineTax.For(1000, -1));

        Assert.Equal("rateBp", thrown.ParamName);
    }
}
