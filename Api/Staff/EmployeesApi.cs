using System.Security.Claims;
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
using Pos.Api.Requests;

namespace Pos.Api.Staff;

/// <summary>
/// /api/v1/employees: a manager (or the admin) keeps the store's people: PUT saves one (name, role, PIN), DELETE
/// deactivates one, GET lists them, never with a PIN. Each change is journaled with who made it.
/// </summary>
public static class EmployeesApi
{
    public const string AdminRole = DeviceAuthenticationHandler.AdminRole;

    public static IEndpointRouteBuilder MapEmployeesApi(this IEndpointRouteBuilder app)
    {
        var employees = app.MapGroup("/api/v1/employees").WithTags("Staff")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        employees.MapGet("/", List).WithName("ListEmployees")
            .RequiresPermission(PermissionNames.StaffManage)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .Describe("List the employees (manager or admin)", "Every employee, active or not, by employeeId, with clockedInAt while clocked in; never a PIN.");
        employees.MapPut("/{employeeId}", Save).WithName("SaveEmployee").HonoursIdempotencyKey().TakesFreeText("name")
            .RequiresPermission(PermissionNames.StaffManage)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Describe("Save an employee (manager or admin)",
                "Creates or changes an employee: name, role (server, bartender, manager, kitchen), and a PIN of 4 to 8 digits (required for a new " +
                "employee; left out, the PIN stays). The PIN is kept only as a slow salted hash and journaled only as 'the PIN changed'. A PIN " +
                "another active employee has is 409 pin-taken (people sign in by PIN alone). active: false deactivates (as DELETE does).");
        employees.MapDelete("/{employeeId}", Deactivate).WithName("DeactivateEmployee").HonoursIdempotencyKey()
            .RequiresPermission(PermissionNames.StaffManage)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Describe("Deactivate an employee (manager or admin)",
                "Their sessions end at once, their PIN signs nobody in and approves nothing; they stay listed (active: false) and what they did " +
                "stays in the journal. Deactivating them again is 204 and changes nothing. An unknown employee is 404 employee-not-found.");
        return app;
    }

    /// <summary>Every employee, by employeeId.</summary>
    /// <param name="roster">The employees in memory.</param>
    public static Results<Ok<EmployeeList>, ProblemHttpResult> List(StaffRoster roster) =>
        roster.Loaded
            ? TypedResults.Ok(new EmployeeList([.. roster.All().Select(e => e.ToView())]))
            : throw new Grains.Journal.JournalUnavailableException("The store's database is not answering: it is not started yet.");

    /// <summary>Creates or changes an employee.</summary>
    /// <param name="employeeId">The employee's id: 1 to 64 letters, digits, '-', '_' or '.' (e.g. ana).</param>
    /// <param name="body">Their name, role and PIN.</param>
    /// <param name="http">The request: who saves.</param>
    /// <param name="book">Where employees are kept.</param>
    /// <param name="cancellationToken">Stops the work when the client goes.</param>
    public static async Task<Results<Ok<EmployeeView>, ProblemHttpResult>> Save(
        string employeeId, SaveEmployeeRequest? body, HttpContext http, IStaffBook book, CancellationToken cancellationToken)
    {
        if (Validate(employeeId, body) is { } invalid)
        {
            return invalid;
        }
        var save = new EmployeeSave(employeeId, body!.Name!.Trim(), body.Role!, body.Active ?? true, body.Pin);
        var outcome = await book.SaveAsync(save, http.CommandContextOf(), cancellationToken);
        return outcome.Error is { } error ? Problems.Problems.Of(error) : TypedResults.Ok(outcome.Employee!.ToView());
    }

    /// <summary>Deactivates an employee.</summary>
    /// <param name="employeeId">The employee to deactivate.</param>
    /// <param name="http">The request: it must have no body.</param>
    /// <param name="book">Where employees are kept.</param>
    /// <param name="cancellationToken">Stops the work when the client goes.</param>
    public static async Task<Results<NoContent, ProblemHttpResult>> Deactivate(
        string employeeId, HttpContext http, IStaffBook book, CancellationToken cancellationToken)
    {
        if (NoBody.Refusal(http.Request, "DELETE /api/v1/employees/{employeeId}") is { } body)
        {
            return body;
        }
        if (UnreadableId(employeeId) is { } unreadable)
        {
            return unreadable;
        }
        if (!StaffRules.IsId(employeeId))
        {
            return NoEmployee(employeeId);
        }
        var outcome = await book.DeactivateAsync(employeeId, http.CommandContextOf(), cancellationToken);
        return outcome.Error is { } error ? Problems.Problems.Of(error) : TypedResults.NoContent();
    }

    /// <summary>Whether <paramref name="user"/> may act for <paramref name="employeeId"/>: they are that person, or a manager, or the admin.</summary>
    public static bool MayActFor(this ClaimsPrincipal user, string employeeId) =>
        string.Equals(user.EmployeeId(), employeeId, StringComparison.Ordinal) || user.Role() is AdminRole or StaffRules.Manager;

    /// <summary>400 for an id with control characters or far too long (refused before any lookup); else null.</summary>
    public static ProblemHttpResult? UnreadableId(string employeeId) =>
        TextRules.Check("employeeId", employeeId, 256) is { } invalid ? Problems.Problems.Of(invalid) : null;

    public static ProblemHttpResult NoEmployee(string employeeId) => Problems.Problems.Of(ErrorCodes.EmployeeNotFound,
        $"No employee '{(employeeId.Length > 64 ? employeeId[..64] : employeeId)}'; GET /api/v1/employees lists them.");

    private static ProblemHttpResult? Validate(string employeeId, SaveEmployeeRequest? body)
    {
        var name = TextRules.Check("name", body?.Name?.Trim(), StaffRules.MaxNameLength, required: true);
        if (name is { Code: ErrorCodes.CardDataRefused })
        {
            // Said as itself, like every other free-text field: never folded into a general validation problem.
            return Problems.Problems.Of(name);
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!StaffRules.IsId(employeeId))
        {
            errors["employeeId"] = [$"employeeId must be 1 to {StaffRules.MaxIdLength} letters, digits, '-', '_' or '.'."];
        }
        if (name is { } nameError)
        {
            errors["name"] = [nameError.Detail];
        }
        if (body?.Role is not { } role || !StaffRules.Roles.Contains(role, StringComparer.Ordinal))
        {
            errors["role"] = ["role must be one of server, bartender, manager, kitchen."];
        }
        if (body?.Pin is { } pin && !StaffRules.IsPin(pin))
        {
            errors["pin"] = [$"pin must be {StaffRules.MinPinDigits} to {StaffRules.MaxPinDigits} digits."];
        }
        else if (body is { Pin: not null, Active: false })
        {
            errors["pin"] = ["A deactivated employee has no PIN: leave pin out, or save them active."];
        }
        if (errors.Count == 0)
        {
            return null;
        }
        var detail = string.Join(" ", errors.Values.SelectMany(v => v));
        return Problems.Problems.Of(ErrorCodes.ValidationFailed, detail, new Dictionary<string, object?> { ["errors"] = errors });
    }
}
