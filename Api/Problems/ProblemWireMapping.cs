using Wire = Pos.Contracts.Problems;

namespace Pos.Api.Problems;

/// <summary>
/// A problem made by the framework's types as the wire record (Contracts) a device batch's result carries: the same
/// members, written in the same order.
/// </summary>
public static class ProblemWireMapping
{
    /// <summary>The problem with its members as they are; <paramref name="order"/>, when given, is added as <c>order</c> (a copy is made, the problem is left as it is).</summary>
    public static Wire.ProblemDetails ToWire(this Microsoft.AspNetCore.Mvc.ProblemDetails problem, Pos.Contracts.Orders.OrderView? order = null)
    {
        var extensions = problem.Extensions;
        if (order is not null)
        {
            extensions = new Dictionary<string, object?>(problem.Extensions, StringComparer.Ordinal) { ["order"] = order };
        }
        return new Wire.ProblemDetails
        {
            Type = problem.Type,
            Title = problem.Title,
            Status = problem.Status,
            Detail = problem.Detail,
            Instance = problem.Instance,
            Extensions = extensions,
        };
    }
}
