using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Pos.Api.Auth;
using Pos.Contracts.Problems;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Pos.Api.OpenApi;

/// <summary>
/// Says on every operation the permission it needs (<see cref="PermissionMetadata"/>): in its description, in the
/// extension <c>x-pos-permission</c> and, per role, in <c>x-pos-roles</c> (allowed, needs-approval, refused); and
/// declares the 403 <c>permission-denied</c> of an operation some role is refused. Runs after
/// <see cref="ContractOperationFilter"/>, whose problem answers it completes.
/// </summary>
public sealed class PermissionOperationFilter : IOperationFilter
{
    /// <summary>The extension naming the operation's permission.</summary>
    public const string PermissionExtension = "x-pos-permission";

    /// <summary>The extension giving each role's verdict on the operation.</summary>
    public const string RolesExtension = "x-pos-roles";

    /// <summary>How the 403 of a permission refusal is described.</summary>
    public const string PermissionRefusal =
        $"Forbidden: the role this request acts with lacks the operation's permission (problem code {ErrorCodes.PermissionDenied}, " +
        "the permission named in the member `permission`); nothing ran. An act that needs a manager's approval is allowed with " +
        "the approving manager's PIN in the Pos-Approval header.";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<PermissionMetadata>().LastOrDefault() is not { } needed)
        {
            return;
        }
        var permission = needed.Permission;
        var verdicts = Roles.All.ToDictionary(r => r, r => Permissions.VerdictOf(r, permission), StringComparer.Ordinal);
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
        operation.Extensions[PermissionExtension] = new JsonNodeExtension(JsonValue.Create(permission));
        var roles = new JsonObject();
        foreach (var (role, verdict) in verdicts)
        {
            roles[role] = Word(verdict);
        }
        operation.Extensions[RolesExtension] = new JsonNodeExtension(roles);
        var said = $"Permission `{permission}`: {Summary(verdicts)}.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? said : $"{operation.Description}\n\n{said}";
        if (verdicts.Values.All(v => v == Verdict.Allowed))
        {
            return;
        }
        operation.Responses ??= [];
        if (operation.Responses.TryGetValue("403", out var declared) && declared is OpenApiResponse existing)
        {
            existing.Description = existing.Description is { Length: > 0 } other && !other.StartsWith("Forbidden: a problem", StringComparison.Ordinal)
                && other != ContractOperationFilter.PolicyRefusal
                ? $"{PermissionRefusal} Also: {other}"
                : PermissionRefusal;
            return;
        }
        operation.Responses["403"] = new OpenApiResponse
        {
            Description = PermissionRefusal,
            Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/problem+json"] = new OpenApiMediaType
                {
                    Schema = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository),
                },
            },
        };
    }

    /// <summary>How a verdict is written in the document and in docs/SECURITY.md.</summary>
    public static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Allowed => "allowed",
        Verdict.NeedsApproval => "needs-approval",
        _ => "refused",
    };

    private static string Summary(Dictionary<string, Verdict> verdicts)
    {
        var parts = new List<string>();
        foreach (var verdict in new[] { Verdict.Allowed, Verdict.NeedsApproval, Verdict.Refused })
        {
            var roles = verdicts.Where(v => v.Value == verdict).Select(v => v.Key).ToList();
            if (roles.Count > 0)
            {
                parts.Add($"{Word(verdict).Replace('-', ' ')}: {string.Join(", ", roles)}");
            }
        }
        return string.Join("; ", parts);
    }
}
