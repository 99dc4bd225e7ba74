using Pos.Contracts.Cash;

namespace Pos.Grains.Cash;

// The cash wire types live in Contracts, which knows nothing of Orleans; these surrogates carry them across grain
// calls. The results that hold them are marked immutable, so a local call copies nothing.

[GenerateSerializer, Immutable, Alias("pos.drawer-movement")]
public readonly record struct DrawerMovementSurrogate(
    [property: Id(0)] Guid MovementId,
    [property: Id(1)] string Kind,
    [property: Id(2)] long AmountMinor,
    [property: Id(3)] string? Reason,
    [property: Id(4)] DateTimeOffset At);

/// <summary>Carries a <see cref="DrawerMovementView"/> across grain calls.</summary>
[RegisterConverter]
public sealed class DrawerMovementConverter : IConverter<DrawerMovementView, DrawerMovementSurrogate>
{
    public DrawerMovementView ConvertFromSurrogate(in DrawerMovementSurrogate s) => new(s.MovementId, s.Kind, s.AmountMinor, s.Reason, s.At);

    public DrawerMovementSurrogate ConvertToSurrogate(in DrawerMovementView v) => new(v.MovementId, v.Kind, v.AmountMinor, v.Reason, v.At);
}

[GenerateSerializer, Immutable, Alias("pos.drawer-session")]
public readonly record struct DrawerSessionSurrogate(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string DrawerId,
    [property: Id(2)] string EmployeeId,
    [property: Id(3)] string EmployeeName,
    [property: Id(4)] string Status,
    [property: Id(5)] DateTimeOffset OpenedAt,
    [property: Id(6)] DateTimeOffset? ClosedAt,
    [property: Id(7)] long FloatMinor,
    [property: Id(8)] long PayInsMinor,
    [property: Id(9)] long PayOutsMinor,
    [property: Id(10)] long CashSalesMinor,
    [property: Id(11)] long CashTipsMinor,
    [property: Id(12)] long ExpectedMinor,
    [property: Id(13)] long? CountedMinor,
    [property: Id(14)] long? OverShortMinor,
    [property: Id(15)] IReadOnlyList<DrawerMovementView> Movements,
    [property: Id(16)] DateOnly? BusinessDate,
    [property: Id(17)] int Version);

/// <summary>Carries a <see cref="DrawerSessionView"/> across grain calls.</summary>
[RegisterConverter]
public sealed class DrawerSessionConverter : IConverter<DrawerSessionView, DrawerSessionSurrogate>
{
    public DrawerSessionView ConvertFromSurrogate(in DrawerSessionSurrogate s) => new(
        s.SessionId, s.DrawerId, s.EmployeeId, s.EmployeeName, s.Status, s.OpenedAt, s.ClosedAt, s.FloatMinor, s.PayInsMinor,
        s.PayOutsMinor, s.CashSalesMinor, s.CashTipsMinor, s.ExpectedMinor, s.CountedMinor, s.OverShortMinor, s.Movements)
    { BusinessDate = s.BusinessDate, Version = s.Version };

    public DrawerSessionSurrogate ConvertToSurrogate(in DrawerSessionView v) => new(
        v.SessionId, v.DrawerId, v.EmployeeId, v.EmployeeName, v.Status, v.OpenedAt, v.ClosedAt, v.FloatMinor, v.PayInsMinor,
        v.PayOutsMinor, v.CashSalesMinor, v.CashTipsMinor, v.ExpectedMinor, v.CountedMinor, v.OverShortMinor, v.Movements,
        v.BusinessDate, v.Version);
}

[GenerateSerializer, Immutable, Alias("pos.drawer")]
public readonly record struct DrawerSurrogate(
    [property: Id(0)] string DrawerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string PrinterId,
    [property: Id(3)] int Pin,
    [property: Id(4)] DrawerSessionView? OpenSession);

/// <summary>Carries a <see cref="DrawerView"/> across grain calls.</summary>
[RegisterConverter]
public sealed class DrawerConverter : IConverter<DrawerView, DrawerSurrogate>
{
    public DrawerView ConvertFromSurrogate(in DrawerSurrogate s) => new(s.DrawerId, s.Name, s.PrinterId, s.Pin, s.OpenSession);

    public DrawerSurrogate ConvertToSurrogate(in DrawerView v) => new(v.DrawerId, v.Name, v.PrinterId, v.Pin, v.OpenSession);
}

[GenerateSerializer, Immutable, Alias("pos.drawer-kick")]
public readonly record struct DrawerKickSurrogate(
    [property: Id(0)] Guid KickId,
    [property: Id(1)] string DrawerId,
    [property: Id(2)] string PrinterId,
    [property: Id(3)] int Pin,
    [property: Id(4)] Guid JobId,
    [property: Id(5)] DateTimeOffset At);

/// <summary>Carries a <see cref="DrawerKickView"/> across grain calls.</summary>
[RegisterConverter]
public sealed class DrawerKickConverter : IConverter<DrawerKickView, DrawerKickSurrogate>
{
    public DrawerKickView ConvertFromSurrogate(in DrawerKickSurrogate s) => new(s.KickId, s.DrawerId, s.PrinterId, s.Pin, s.JobId, s.At);

    public DrawerKickSurrogate ConvertToSurrogate(in DrawerKickView v) => new(v.KickId, v.DrawerId, v.PrinterId, v.Pin, v.JobId, v.At);
}

[GenerateSerializer, Immutable, Alias("pos.drawer-cash-taken")]
public readonly record struct DrawerCashTakenSurrogate(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] Guid OrderId,
    [property: Id(2)] Guid PaymentId,
    [property: Id(3)] long CashMinor,
    [property: Id(4)] long TipMinor);

/// <summary>Carries a <see cref="DrawerCashTaken"/> across grain calls.</summary>
[RegisterConverter]
public sealed class DrawerCashTakenConverter : IConverter<DrawerCashTaken, DrawerCashTakenSurrogate>
{
    public DrawerCashTaken ConvertFromSurrogate(in DrawerCashTakenSurrogate s) => new(s.SessionId, s.OrderId, s.PaymentId, s.CashMinor, s.TipMinor);

    public DrawerCashTakenSurrogate ConvertToSurrogate(in DrawerCashTaken v) => new(v.SessionId, v.OrderId, v.PaymentId, v.CashMinor, v.TipMinor);
}

[GenerateSerializer, Immutable, Alias("pos.drawer-list")]
public readonly record struct DrawerListSurrogate([property: Id(0)] IReadOnlyList<DrawerView> Drawers);

/// <summary>Carries a <see cref="DrawerList"/> across grain calls.</summary>
[RegisterConverter]
public sealed class DrawerListConverter : IConverter<DrawerList, DrawerListSurrogate>
{
    public DrawerList ConvertFromSurrogate(in DrawerListSurrogate s) => new(s.Drawers);

    public DrawerListSurrogate ConvertToSurrogate(in DrawerList v) => new(v.Drawers);
}
