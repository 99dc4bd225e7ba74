using System.Text.Json;
using Pos.Client.Http;
using Pos.Client.Outbox;
using Pos.Contracts.Menu;
using Pos.Contracts.Money;
using Pos.Contracts.Orders;
using Pos.Contracts.Sync;

namespace Pos.StaffApp.Device;

/// <summary>Where a line stands, as the person reads it.</summary>
public enum ShownLineStatus
{
    /// <summary>Tapped a moment ago and being written to the phone's outbox: shown at once, kept a few ms later.</summary>
    Saving,

    /// <summary>Kept on this phone: the appliance does not have it yet.</summary>
    Queued,
    Pending,
    Fired,
    Voided,
}

/// <summary>A line as the screen shows it: from the appliance's answer, or from a command still on this phone.</summary>
public sealed record ShownLine(
    Guid LineId, string Name, int Quantity, long UnitPriceMinor, string? Note, IReadOnlyList<string> Modifiers,
    ShownLineStatus Status, string? VoidReason, bool VoidQueued)
{
    /// <summary>The guest's seat, or null for the table.</summary>
    public int? Seat { get; init; }

    /// <summary>The course, or null when it goes with any.</summary>
    public int? Course { get; init; }

    /// <summary>The names of the options chosen.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Waiting for its course to be fired.</summary>
    public bool Held { get; init; }
}

/// <summary>
/// An order as the phone shows it: the appliance's last answer (when it has one) with the commands this phone still
/// keeps for it laid over, so a tap shows at once and says plainly what the appliance does not have yet.
/// </summary>
public sealed record ShownOrder(
    Guid OrderId, int? Number, Channel Channel, string? Table, int? Guests, string Currency, DateTimeOffset OpenedAt,
    IReadOnlyList<ShownLine> Lines, long TotalMinor, long PaidMinor, long BalanceMinor, long QueuedPaidMinor,
    bool FireQueued, bool CloseQueued, bool Closed, OrderView? View)
{
    /// <summary>Whether the appliance has the order (and gave it its number).</summary>
    public bool Known => Number is not null;

    public bool HasUnfiredLines => Lines.Any(l => l.Status is ShownLineStatus.Pending or ShownLineStatus.Queued && !l.VoidQueued);

    /// <summary>Every open order the phone knows of, the appliance's and those opened here and not yet answered.</summary>
    public static IReadOnlyList<ShownOrder> All(DeviceSession session)
    {
        if (session.Device is not { } device)
        {
            return [];
        }
        var ids = device.Local.OpenOrders.Select(o => o.OrderId)
            .Concat(device.Outbox.Pending.Where(c => c.Type == DeviceCommands.OpenOrder).Select(c => c.OrderId))
            .Distinct();
        return [.. ids.Select(id => Of(session, id)).OfType<ShownOrder>().Where(o => !o.Closed)];
    }

    /// <summary>
    /// The order as the phone knows it, or null when it knows nothing of it. <paramref name="saving"/> are lines tapped
    /// on this screen whose command is still being written to the outbox: shown at once, so a tap never waits on the
    /// phone's disk to show its line.
    /// </summary>
    public static ShownOrder? Of(DeviceSession session, Guid orderId, IReadOnlyList<AddLineRequest>? saving = null)
    {
        var view = session.LastSeen(orderId);
        var pending = session.Device?.Outbox.Pending.Where(c => c.OrderId == orderId).ToList() ?? [];
        var menu = session.Device?.Local.Menu;
        OpenOrderRequest? opening = null;
        if (view is null)
        {
            opening = pending.Where(c => c.Type == DeviceCommands.OpenOrder).Select(c => Payload<OpenOrderRequest>(c)).FirstOrDefault();
            if (opening is null)
            {
                return null;
            }
        }
        var lines = view?.Lines.Select(l => new ShownLine(l.LineId, l.Name, l.Quantity, l.UnitPriceMinor, l.Note, l.Modifiers,
            l.Status switch { LineStatus.Fired => ShownLineStatus.Fired, LineStatus.Voided => ShownLineStatus.Voided, _ => ShownLineStatus.Pending },
            l.VoidReason, false)
        {
            Seat = l.Seat,
            Course = l.Course,
            Options = [.. (l.Options ?? []).Select(o => o.Name)],
            Held = l.Held,
        }).ToList() ?? [];
        long queuedTotal = 0, queuedPaid = 0;
        // What each queued line adds, so voiding it before the appliance has it takes exactly that off.
        var queuedGross = new Dictionary<Guid, long>();
        foreach (var c in pending)
        {
            switch (c.Type)
            {
                case DeviceCommands.AddLine when Payload<AddLineRequest>(c) is { LineId: { } lineId } add && lines.All(l => l.LineId != lineId):
                    queuedGross[lineId] = AddUnanswered(add, lineId, ShownLineStatus.Queued);
                    queuedTotal += queuedGross[lineId];
                    break;
                case DeviceCommands.VoidLine when LineOf(c) is { } voided:
                    var index = lines.FindIndex(l => l.LineId == voided);
                    if (index >= 0 && lines[index].Status != ShownLineStatus.Voided)
                    {
                        var line = lines[index];
                        lines[index] = line with { VoidQueued = true };
                        if (line.Status == ShownLineStatus.Queued)
                        {
                            queuedTotal -= queuedGross.GetValueOrDefault(voided);
                        }
                    }
                    break;
                case DeviceCommands.AddPayment when Payload<AddPaymentRequest>(c) is { AmountMinor: { } amount }:
                    queuedPaid += amount;
                    break;
            }
        }
        foreach (var add in saving ?? [])
        {
            if (add.LineId is { } lineId && lines.All(l => l.LineId != lineId))
            {
                queuedTotal += AddUnanswered(add, lineId, ShownLineStatus.Saving);
            }
        }
        var total = (view?.TotalMinor ?? 0) + queuedTotal;

        // A line the appliance has not answered yet, priced from the phone's menu: shown, and what it adds answered.
        long AddUnanswered(AddLineRequest add, Guid lineId, ShownLineStatus status)
        {
            var item = menu?.Items.FirstOrDefault(i => i.Id == add.MenuItemId);
            var quantity = add.Quantity ?? 1;
            // The options as the phone's menu names and prices them; the appliance's answer replaces them.
            var options = (add.Options ?? []).Select(o => item?.ModifierGroups.FirstOrDefault(g => g.Id == o.GroupId)?.Options
                .FirstOrDefault(x => x.Id == o.OptionId)).OfType<ModifierOption>().ToList();
            var unit = (item?.PriceMinor ?? 0) + options.Sum(o => o.PriceMinor);
            lines.Add(new ShownLine(lineId, item?.Name ?? add.MenuItemId ?? "?", quantity, unit, add.Note,
                add.Modifiers ?? [], status, null, false)
            {
                Seat = add.Seat,
                Course = add.Course,
                Options = [.. options.Select(o => o.Name)],
                Held = add.Hold == true,
            });
            return Gross(item, unit, quantity);
        }
        var paid = view?.PaidMinor ?? 0;
        return new ShownOrder(orderId, view?.Number, view?.Channel ?? opening!.Channel ?? Channel.DineIn, view?.Table ?? opening?.Table,
            view?.Guests ?? opening?.Guests, view?.Currency ?? menu?.Currency ?? "USD", view?.OpenedAt ?? pending[0].IssuedAt,
            lines, total, paid, total - paid - queuedPaid, queuedPaid,
            pending.Any(c => c.Type == DeviceCommands.Fire), pending.Any(c => c.Type == DeviceCommands.Close),
            view?.Status == OrderStatus.Closed, view);
    }

    private static long Gross(MenuItem? item, long unitPriceMinor, int quantity)
    {
        if (item is null)
        {
            return 0;
        }
        // The appliance's own rule for a line's tax, so the estimate matches the answer to come.
        var net = unitPriceMinor * quantity;
        return net + LineTax.For(net, item.TaxRateBp);
    }

    private static T? Payload<T>(QueuedCommand command) where T : class =>
        command.Payload is { ValueKind: JsonValueKind.Object } p ? p.Deserialize(WireJson.Info<T>()) : null;

    private static Guid? LineOf(QueuedCommand command) =>
        command.Payload is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("lineId", out var id) && id.TryGetGuid(out var g) ? g : null;
}
