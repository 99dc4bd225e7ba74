using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;

namespace Pos.Api.Requests;

/// <summary>
/// How large a body each route takes, enforced by the server while it reads (a body past the limit is refused with
/// 413 body-too-large before it is buffered). Commands are small; a whole menu and a device's batch are larger. These
/// are the defaults; the host may set others (<see cref="RequestLimits"/>).
/// </summary>
public static class BodyLimits
{
    /// <summary>Every route unless it says otherwise: a command is a few hundred bytes.</summary>
    public const long Command = 64 * 1024;

    /// <summary>PUT /api/v1/menu: up to 2,000 items.</summary>
    public const long Menu = 4 * 1024 * 1024;

    /// <summary>POST /api/v1/sync/commands: up to 500 queued commands.</summary>
    public const long Batch = 4 * 1024 * 1024;

    /// <summary>Sets the largest body an endpoint or a group takes.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(bytes));
}

/// <summary>
/// The body limits in force: <see cref="Command"/> for every route but the two that take many things at once,
/// <see cref="Bulk"/> for those (the whole menu, a device's batch). The host registers its own to change them.
/// </summary>
public sealed record RequestLimits
{
    public long Command { get; init; } = BodyLimits.Command;

    public long Bulk { get; init; } = Math.Max(BodyLimits.Menu, BodyLimits.Batch);
}
