using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pos.Contracts.Cloud;
using Pos.Tests.Shared;

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
        var walk = new WireTypeWalk(Contracts);
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
                walk.Visit(body, name);
            }
        }
        Assert.Empty(undeclared);
        Assert.Empty(walk.Outside);
        Assert.Contains(typeof(HqDailyReport), walk.Seen);
        Assert.Contains(typeof(JournalBatchRequest), walk.Seen);
        Assert.Contains(typeof(StoreRequest), walk.Seen);
    }
}
