using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Pos.Contracts.Problems;

namespace Pos.Api.Problems;

/// <summary>RFC 9457 problem results with the project's stable <c>code</c> extension.</summary>
public static class Problems
{
    public static ProblemHttpResult Of(string code, string detail, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?>(extra ?? new Dictionary<string, object?>()) { ["code"] = code };
        return TypedResults.Problem(
            detail: detail,
            statusCode: ProblemCatalog.StatusOf(code),
            title: ProblemCatalog.TitleOf(code),
            type: ProblemCatalog.TypeOf(code),
            extensions: extensions);
    }

    /// <summary>
    /// A refusal from the domain; validation failures carry the field in <c>errors</c>; a <c>permission-denied</c>
    /// carries the missing permission (its <c>Field</c>) as the member <c>permission</c>.
    /// </summary>
    public static ProblemHttpResult Of(CommandError error) =>
        error.Code == ErrorCodes.PermissionDenied && error.Field is { } permission
            ? Of(error.Code, error.Detail, new Dictionary<string, object?> { ["permission"] = permission })
        : error.Field is { } field
            ? Of(error.Code, error.Detail, new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [error.Detail] } })
            : Of(error.Code, error.Detail);

    public static ProblemHttpResult Invalid(string field, string detail) => Of(new CommandError(ErrorCodes.ValidationFailed, detail, field));
}
