using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Pos.Api.Auth;
using Pos.Api.OpenApi;
using Pos.Contracts.Permissions;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Contracts.Staff;

namespace Pos.Api.Staff;

/// <summary>
/// POST /api/v1/employees/{employeeId}/clock-in and /clock-out: the person themselves (on their staff session) or a
/// manager (or the admin) clocks them in or out; journaled, and counted in the day's report (labour: hours and tips).
/// </summary>
public static class ClockApi
{
    public static IEndpointRouteBuilder MapClockApi(this IEndpointRouteBuilder app)
    {
        var clock = app.MapGroup("/api/v1/employees/{employeeId}").WithTags("Staff").RequiresPermission(PermissionNames.StaffClock)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .TakesOptionalBody()
            .HonoursIdempotencyKey();
        clock.MapPost("/clock-in", ClockIn).WithName("ClockIn")
            .Describe("Clock in",
                "Starts a shift now, for the person signed in (their own id) or by a manager. Clocked in already is 409 already-clocked-in " +
                "(two phones at once: one wins); a deactivated employee is 409 employee-inactive. Takes {} or no body.");
        clock.MapPost("/clock-out", ClockOut).WithName("ClockOut")
            .Describe("Clock out",
                "Ends the shift, which counts in the report of the business date it began on (whole minutes). Not clocked in is 409 not-clocked-in.");
        return app;
    }

    /// <summary>Clocks an employee in.</summary>
    /// <param name="employeeId">The employee.</param>
    /// <param name="body">Nothing: {} or no body.</param>
    /// <param name="http">The request: who clocks.</param>
    /// <param name="book">Where employees are kept.</param>
    /// <param name="cancellationToken">Stops the work when the client goes.</param>
    public static Task<Results<Ok<ShiftView>, ProblemHttpResult>> ClockIn(
        string employeeId, EmptyRequest? body, HttpContext http, IStaffBook book, CancellationToken cancellationToken) =>
        ClockAsync(employeeId, clockIn: true, http, book, cancellationToken);

    /// <summary>Clocks an employee out.</summary>
    /// <param name="employeeId">The employee.</param>
    /// <param name="body">Nothing: {} or no body.</param>
    /// <param name="http">The request: who clocks.</param>
    /// <param name="book">Where employees are kept.</param>
    /// <param name="cancellationToken">Stops the work when the client goes.</param>
    public static Task<Results<Ok<ShiftView>, ProblemHttpResult>> ClockOut(
        string employeeId, EmptyRequest? body, HttpContext http, IStaffBook book, CancellationToken cancellationToken) =>
        ClockAsync(employeeId, clockIn: false, http, book, cancellationToken);

    private static async Task<Results<Ok<ShiftView>, ProblemHttpResult>> ClockAsync(
        string employeeId, bool clockIn, HttpContext http, IStaffBook book, CancellationToken cancellationToken)
    {
        if (EmployeesApi.UnreadableId(employeeId) is { } unreadable)
        {
            return unreadable;
        }
        if (!StaffRules.IsId(employeeId))
        {
            return EmployeesApi.NoEmployee(employeeId);
        }
        if (!http.User.MayActFor(employeeId))
        {
            return Problems.Problems.Of(ErrorCodes.Forbidden,
                "A person clocks themselves in and out, signed in with their PIN; a manager may clock anyone.");
        }
        var outcome = await book.ClockAsync(employeeId, clockIn, http.CommandContextOf(), cancellationToken);
        return outcome.Error is { } error ? Problems.Problems.Of(error) : TypedResults.Ok(outcome.Shift!);
    }
}
