using System.Reflection;
using Pos.Cloud.Hosting;

namespace Pos.Cloud.Stores;

/// <summary>
/// Store ids: 1-64 letters, digits, '-' or '_'. Every cloud route that takes one (in its path or its query string) has
/// it checked before its handler runs, so nothing else (a NUL, which PostgreSQL refuses in text, a control character,
/// a megabyte of text) ever reaches a query or a grain: 400 <c>validation-failed</c> naming <c>storeId</c>.
/// </summary>
public static class StoreIds
{
    public const string Field = "storeId";
    public const string Rule = "storeId must be 1-64 letters, digits, '-' or '_'.";

    public static bool IsId(string? id) =>
        id is { Length: >= 1 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// Checks the <c>storeId</c> argument of every route below <paramref name="builder"/> whose handler takes one:
    /// absent or empty passes (a route that needs it cannot match without it; the HQ report reads it as "every
    /// store"), anything else must be an id. Routes without the parameter are left alone.
    /// </summary>
    public static TBuilder ChecksStoreIds<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var at = Array.FindIndex(factory.MethodInfo.GetParameters(), IsStoreId);
            if (at < 0)
            {
                return next;
            }
            return context => context.Arguments[at] is string { Length: > 0 } id && !IsId(id)
                ? ValueTask.FromResult<object?>(CloudProblems.Invalid(Field, Rule))
                : next(context);
        });

    private static bool IsStoreId(ParameterInfo parameter) =>
        parameter.ParameterType == typeof(string) && string.Equals(parameter.Name, Field, StringComparison.Ordinal);
}
