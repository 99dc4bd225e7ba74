using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Pos.Api.OpenApi;

/// <summary>The route honours <c>Idempotency-Key</c>: a repeat gets the first answer with <c>Idempotent-Replayed: true</c>.</summary>
public sealed class IdempotencyKeyMetadata
{
    public static readonly IdempotencyKeyMetadata Instance = new();
}

/// <summary>The route honours <c>If-Match</c> with the version its resource's ETag carries: a stale one is 412.</summary>
/// <param name="Resource">What the version is of, as the document says it ("the order", "the menu").</param>
public sealed record IfMatchMetadata(string Resource);

/// <summary>The route's success answers carry an <c>ETag</c>: the version of the resource, in quotes.</summary>
/// <param name="Resource">What the version is of.</param>
public sealed record ETagMetadata(string Resource);

/// <summary>An optional header the route reads besides the contract's own (Idempotency-Key, If-Match): a whole number, 0 or more.</summary>
public sealed record RequestHeaderMetadata(string Name, string Description);

/// <summary>A header the route's success answers carry.</summary>
public sealed record ResponseHeaderMetadata(string Name, string Description);

/// <summary>The route takes an empty body (<c>{}</c>, or none at all): its request body is optional.</summary>
public sealed class OptionalBodyMetadata
{
    public static readonly OptionalBodyMetadata Instance = new();
}

/// <summary>The route asks the command pipeline's policy point before anything runs: a refusal is 403 <c>forbidden</c>.</summary>
public sealed class RefusedByPolicyMetadata
{
    public static readonly RefusedByPolicyMetadata Instance = new();
}

/// <summary>
/// The route's body holds text a person wrote (<paramref name="Fields"/>, as a client names them): one holding what
/// looks like a payment card number is refused with 400 <c>card-data-refused</c>, naming the field.
/// </summary>
public sealed record FreeTextMetadata(IReadOnlyList<string> Fields);

/// <summary>The route's 201 has no address to read what it made (a secret shown once): no <c>Location</c>.</summary>
public sealed class CreatedWithoutLocationMetadata
{
    public static readonly CreatedWithoutLocationMetadata Instance = new();
}

/// <summary>
/// What a route promises beyond its types, for the OpenAPI document (<see cref="ContractOperationFilter"/> turns it
/// into declared headers and problem answers): the headers it honours and answers with.
/// </summary>
public static class ContractMetadata
{
    /// <summary>The route applies a repeated <c>Idempotency-Key</c> once (the command is remembered with its events).</summary>
    public static TBuilder HonoursIdempotencyKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IdempotencyKeyMetadata.Instance);

    /// <summary>The route checks <c>If-Match</c> against the version of <paramref name="resource"/>.</summary>
    public static TBuilder HonoursIfMatch<TBuilder>(this TBuilder builder, string resource) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IfMatchMetadata(resource));

    /// <summary>The route answers with an <c>ETag</c> holding the version of <paramref name="resource"/>.</summary>
    public static TBuilder AnswersETag<TBuilder>(this TBuilder builder, string resource) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ETagMetadata(resource));

    /// <summary>The route's success answers carry the header <paramref name="name"/>.</summary>
    public static TBuilder AnswersHeader<TBuilder>(this TBuilder builder, string name, string description) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ResponseHeaderMetadata(name, description));

    /// <summary>The route is a command the policy point may refuse to the sending device (403 <c>forbidden</c>).</summary>
    public static TBuilder RefusedByPolicy<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(RefusedByPolicyMetadata.Instance);

    /// <summary>The route takes free text in <paramref name="fields"/>, where a card number is refused (400 <c>card-data-refused</c>).</summary>
    public static TBuilder TakesFreeText<TBuilder>(this TBuilder builder, params string[] fields) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new FreeTextMetadata(fields));

    /// <summary>The route's 201 names no <c>Location</c>: what it made cannot be read back.</summary>
    public static TBuilder CreatesWithoutLocation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(CreatedWithoutLocationMetadata.Instance);

    /// <summary>The route takes no body, or <c>{}</c>.</summary>
    public static TBuilder TakesOptionalBody<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(OptionalBodyMetadata.Instance);

    /// <summary>A route declared with a summary and, where it helps, a description (every operation of the document has one).</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, string summary, string? description = null)
    {
        builder.WithSummary(summary);
        return description is null ? builder : builder.WithDescription(description);
    }
}
