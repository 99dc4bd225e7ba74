using System.Reflection;

namespace Pos.Tests.Shared;

/// <summary>
/// Walks the types a route reads or answers, through nullables, arrays, the BCL's generic collections and every public
/// property, and names each type from outside <c>Contracts</c> and the BCL: what a .NET client would need besides
/// Contracts to speak the API. Used by the appliance's and the cloud's wire-type tests.
/// </summary>
public sealed class WireTypeWalk(Assembly contracts, Func<Type, bool>? alsoAllowed = null)
{
    /// <summary>Every type reached, Contracts' and the BCL's.</summary>
    public HashSet<Type> Seen { get; } = [];

    /// <summary>"Type (route)" for each type outside Contracts and the BCL.</summary>
    public SortedSet<string> Outside { get; } = new(StringComparer.Ordinal);

    public void Visit(Type type, string route)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            Visit(type.GetElementType()!, route);
            return;
        }
        if (type.IsGenericType && IsBcl(type))
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Visit(argument, route);
            }
            return;
        }
        if (!Seen.Add(type) || type.IsPrimitive || type.Assembly == typeof(object).Assembly || IsBcl(type) || alsoAllowed?.Invoke(type) == true)
        {
            return;
        }
        if (type.Assembly != contracts)
        {
            Outside.Add($"{type.FullName} ({route})");
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Visit(property.PropertyType, route);
        }
    }

    private static bool IsBcl(Type type) => type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true;
}
