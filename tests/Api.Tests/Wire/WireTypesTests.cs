using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Pos.Contracts.Orders;
using Pos.Tests.Shared;

namespace Pos.Api.Tests.Wire;

/// <summary>
/// A .NET client speaks the whole API with Contracts alone: every body a route reads or answers is made of Contracts
/// types and the BCL (the framework's own problem aside, which Contracts' ProblemDetails reads), and Contracts itself
/// references nothing but the BCL.
/// </summary>
public sealed class WireTypesTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly Assembly Contracts = typeof(OrderView).Assembly;

    [Fact]
    public void Every_body_a_route_reads_or_answers_is_made_of_contracts_types()
    {
        var explorer = fixture.Appliance.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>();
        var routes = explorer.ApiDescriptionGroups.Items.SelectMany(g => g.Items).ToList();
        var walk = new WireTypeWalk(Contracts, static t => typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(t));
        foreach (var route in routes)
        {
            var bodies = route.SupportedResponseTypes.Select(r => r.Type)
                .Concat(route.ParameterDescriptions.Where(p => p.Source == BindingSource.Body).Select(p => p.Type));
            foreach (var body in bodies.OfType<Type>())
            {
                walk.Visit(body, $"{route.HttpMethod} /{route.RelativePath}");
            }
        }
        Assert.Contains(typeof(OrderView), walk.Seen);
        Assert.Contains(typeof(Contracts.Sync.CommandBatchRequest), walk.Seen);
        Assert.Empty(walk.Outside);
    }

    [Fact]
    public void Contracts_reference_nothing_but_the_base_class_library()
    {
        var references = Contracts.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(name is "System" or "netstandard" || name.StartsWith("System.", StringComparison.Ordinal), name));
    }
}
