using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Pos.Api.Auth;

/// <summary>The permission a route needs, in its metadata (the OpenAPI document and docs/SECURITY.md read it).</summary>
public sealed record PermissionMetadata(string Permission);

/// <summary>A route's requirement: the request's role has the permission, or a manager approved it.</summary>
public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>Why a request was refused: the refusal to answer.</summary>
public sealed class PermissionFailure(IAuthorizationHandler handler, PermissionRefusal refusal)
    : AuthorizationFailureReason(handler, refusal.Error.Detail)
{
    public PermissionRefusal Refusal { get; } = refusal;
}

/// <summary>
/// Routes declare the permission they need with <see cref="RequiresPermission{TBuilder}"/>; the authorization
/// middleware decides it before anything of the request is read (no body, no idempotency record, no grain), so a
/// refused request changes nothing but the journal's record of the refusal. Unauthenticated requests are 401 as before.
/// </summary>
public static class PermissionAuthorization
{
    /// <summary>The route needs <paramref name="permission"/> (a name of <c>PermissionNames</c>, a row of <see cref="Permissions"/>).</summary>
    public static TBuilder RequiresPermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder
    {
        if (!Permissions.IsKnown(permission))
        {
            throw new ArgumentException($"'{permission}' is not in the permission table.", nameof(permission));
        }
        var policy = new AuthorizationPolicyBuilder(DeviceAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(new PermissionRequirement(permission))
            .Build();
        return builder.WithMetadata(new PermissionMetadata(permission)).RequireAuthorization(policy);
    }
}

/// <summary>Decides <see cref="PermissionRequirement"/> through the <see cref="PermissionGate"/>.</summary>
public sealed class PermissionHandler(PermissionGate gate) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        // Without a user the policy fails on authentication: a 401, neither decided nor journaled here.
        if (context.User.Identity?.IsAuthenticated != true || context.Resource is not HttpContext http)
        {
            return;
        }
        if (await gate.CheckRequestAsync(http, requirement.Permission, PermissionGate.TargetOf(http)) is { } refused)
        {
            context.Fail(new PermissionFailure(this, refused));
            return;
        }
        context.Succeed(requirement);
    }
}

/// <summary>A request refused for want of a permission is answered 403 <c>permission-denied</c> naming it; the rest as usual.</summary>
public sealed class PermissionResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _usual = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailureReasons.OfType<PermissionFailure>().FirstOrDefault() is { } failure
            ? failure.Refusal.Problem().ExecuteAsync(context)
            : _usual.HandleAsync(next, context, policy, authorizeResult);
}
