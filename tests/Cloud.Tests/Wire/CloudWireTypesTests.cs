using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pos.Contracts.Cloud;

namespace Pos.Cloud.Tests.Wire;

/// <summary>
/// A .NET client speaks the cloud's API with Contracts alone: every route declares the JSON it answers, and every body
/// a route reads or answers is made of Contracts types and the BCL. (Each route's real answer is held to its bytes by
/// <see cref="CloudWireJsonTests"/>.)
/// </summary>
public sealed class CloudWireTypesTests : CloudTest
{
    private static readonly Assembly Contracts = typeof(StoreSummary).Assembly;

    [Fact]
    public void Every_route_declares_its_answer_and_every_body_is_made_of_contracts_types()
    {
        var routes = Cloud.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(routes);
        var undeclared = new SortedSet<string>(StringComparer.Ordinal);
        var outside = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<Type>();
        foreach (var route in routes)
        {
            var methods = route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var name = $"{string.Join(",", methods)} {route.RoutePattern.RawText}";
            var answers = route.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
                .Where(p => p.StatusCode is >= 200 and < 300 && p.StatusCode != StatusCodes.Status204NoContent)
                .Select(p => p.Type).OfType<Type>().ToList();
            if (answers.Count == 0)
            {
                undeclared.Add(name);
            }
            var reads = route.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Select(a => a.RequestType).OfType<Type>();
            foreach (var body in answers.Concat(reads))
            {
                Visit(body, name, outside, seen);
            }
        }
        Assert.Empty(undeclared);
        Assert.Empty(outside);
        Assert.Contains(typeof(HqDailyReport), seen);
        Assert.Contains(typeof(JournalBatchRequest), seen);
        Assert.Contains(typeof(StoreRequest), seen);
    }

    private static void Visit(Type type, string route, SortedSet<string> outside, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            Visit(type.GetElementType()!, route, outside, seen);
            return;
        }
        if (type.IsGenericType && type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Visit(argument, route, outside, seen);
            }
            return;
        }
        if (!seen.Add(type) || type.IsPrimitive || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            return;
        }
        if (type.Assembly != Contracts)
        {
            outside.Add($"{type.FullName} ({route})");
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Visit(property.PropertyType, route, outside, seen);
        }
    }
}
