using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.OpenApi;
using Pos.Contracts.Orders;
using Pos.Contracts.Permissions;
using Pos.Grains.Clock;
using Pos.Grains.Devices;
using Pos.Grains.Journal;
using Pos.Grains.Orders;

namespace Pos.Api.Orders;

/// <summary>/api/v1/business-days/{date}/open-orders: what blocks a date's seal, for the manager to carry over or close.</summary>
public static class BusinessDaysApi
{
    private const int MaxListed = 1000;

    public static IEndpointRouteBuilder MapBusinessDaysApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/business-days/{businessDate}/open-orders", OpenOrders).WithTags("Reports").WithName("BusinessDayOpenOrders")
            .RequiresPermission(PermissionNames.ReportsRead)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(503)
            .Describe("The orders still open on a business date",
                "Each one blocks the date's seal. over is true once the date has ended by the store clock: the manager then carries each " +
                "order over (POST /api/v1/orders/{orderId}/carry-over) or closes it with a reason (POST /api/v1/orders/{orderId}/close-with-reason). " +
                $"At most {MaxListed} orders, oldest first.");
        return app;
    }

    /// <summary>The open orders of a business date.</summary>
    /// <param name="businessDate">The business date (yyyy-MM-dd).</param>
    /// <param name="journal">Where the orders are read.</param>
    /// <param name="devices">The devices' names, for the device that opened each order.</param>
    /// <param name="clock">The store clock: is the date over?</param>
    /// <param name="cancellationToken">Stops the read when the client goes.</param>
    public static async Task<Results<Ok<OpenOrdersResponse>, ProblemHttpResult>> OpenOrders(
        string businessDate, IJournalLookups journal, DeviceNames devices, StoreClock clock, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(businessDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Problems.Problems.Invalid("businessDate", "businessDate must be a date like 2026-11-25.");
        }
        var entries = await journal.ReadOrdersAsync(new OrderFilter(date, Closed: false, MaxListed), cancellationToken);
        var orders = entries
            .GroupBy(e => e.StreamId)
            .Select(g => g.OrderBy(e => e.StreamVersion).ToList())
            .Select(s => (First: s[0], State: OrderState.From(s.Select(e => OrderEvents.FromJournal(e.Type, e.Data)))))
            .Where(o => o.State is { Exists: true, IsClosed: false })
            .OrderBy(o => o.State.Opened!.Number)
            .Select(o => o.State.ToView(devices.OpenerOf(o.First.DeviceId, o.First.EmployeeId)).ToWire())
            .ToList();
        return TypedResults.Ok(new OpenOrdersResponse(date, date < clock.Today(), orders));
    }
}
