namespace Pos.Grains.Orders;

/// <summary>Hands out the short order numbers of one business date (key: yyyy-MM-dd).</summary>
public interface IOrderNumberGrain : IGrainWithStringKey
{
    Task<int> Next();
}
