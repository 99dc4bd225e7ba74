using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Pos.Contracts.Menu;
using Pos.Contracts.Orders;
using Pos.Contracts.Problems;
using Pos.Grains.Devices;
using Pos.Grains.Menu;
using Pos.Grains.Orders;
using MenuView = Pos.Grains.Menu.MenuView;

namespace Pos.Grains.Tests.Wire;

/// <summary>
/// Contracts types know nothing of Orleans; the surrogates in Grains carry them across grain calls. These round trips
/// use Orleans' own serializer and copier, as a call between silos and a local call would.
/// </summary>
public sealed class ContractsAcrossGrainCallsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void A_menu_result_with_its_items_and_an_error_round_trips()
    {
        var result = new MenuResult(
            new MenuView(3, "USD", [new MenuItem("burger", "Burger", 1250, 800, "kitchen")], DateTimeOffset.UnixEpoch),
            new CommandError(ErrorCodes.ValidationFailed, "currency must be three letters.", "currency"));

        var back = RoundTrip(result);

        Assert.Equal(result.Menu!.Items, back.Menu!.Items);
        Assert.Equal(result.Error, back.Error);
        // Immutable views are passed as they are on a local call: no copy on the hot path.
        Assert.Same(result, _services.GetRequiredService<DeepCopier>().Copy(result));
    }

    [Fact]
    public void A_menu_definition_round_trips_and_copies()
    {
        var menu = new MenuDefinition("EUR", [new MenuItem("tea", "Tea", 300, 1000, "bar"), new MenuItem("cake", "Cake", 450, 1000, "kitchen")]);

        Assert.Equal(menu.Items, RoundTrip(menu).Items);
        Assert.Equal(menu.Items, _services.GetRequiredService<DeepCopier>().Copy(menu).Items);
    }

    [Fact]
    public void An_order_result_with_its_enums_round_trips()
    {
        var state = OrderState.From([
            new OrderOpened(Guid.NewGuid(), 7, Channel.Takeout, null, 2, new DateOnly(2026, 12, 2), DateTimeOffset.UnixEpoch, "USD"),
            new LineAdded(Guid.NewGuid(), "burger", "Burger", 2, 1250, 800, "kitchen", "no onions", ["cheese"]),
            new PaymentAdded(Guid.NewGuid(), Tender.Card, 2700, 100, 0, "ref"),
        ]);
        var result = new OrderResult(state.ToView(new DeviceRef("till-1", "Bar till")), null, default);

        var back = RoundTrip(result);

        Assert.Equal(Channel.Takeout, back.Order!.Channel);
        Assert.Equal(Tender.Card, back.Order.Payments[0].Tender);
        Assert.Equal(LineStatus.Pending, back.Order.Lines[0].Status);
        Assert.Equal(result.Order!.TotalMinor, back.Order.TotalMinor);
        Assert.Equal(new DeviceRef("till-1", "Bar till"), back.Order.OpenedBy);
    }

    private T RoundTrip<T>(T value)
    {
        var serializer = _services.GetRequiredService<Serializer<T>>();
        return serializer.Deserialize(serializer.SerializeToArray(value))!;
    }
}
