using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Pos.Api.Auth;

/// <summary>
/// The permission table as docs/SECURITY.md shows it, written from the code: the permissions by role, every route
/// served with its permission and each role's verdict, and the commands of a device's batch. A test compares the
/// document's table with this one and fails when they differ (<c>POS_WRITE_DOCS=1</c> writes it instead).
/// </summary>
public static class PermissionTableDoc
{
    public const string Begin = "<!-- permission-table: written from Api/Auth/Permissions.cs by PermissionTableDoc; a test fails when it differs -->";
    public const string End = "<!-- /permission-table -->";

    /// <summary>A route as served: its method, its pattern, and the permission it needs (null: open to all).</summary>
    public sealed record Route(string Method, string Pattern, string? Permission);

    /// <summary>The routes of <paramref name="endpoints"/> that take a token or are open under /api and /health.</summary>
    public static IReadOnlyList<Route> RoutesOf(EndpointDataSource endpoints) =>
    [
        .. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Pattern: PermissionGate.Shown(e.RoutePattern.RawText)))
            .Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal) || e.Pattern.StartsWith("/health/", StringComparison.Ordinal))
            .SelectMany(e => (e.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => new Route(m, e.Pattern,
                    e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? null : e.Endpoint.Metadata.GetOrderedMetadata<PermissionMetadata>().LastOrDefault()?.Permission ?? "?")))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal),
    ];

    /// <summary>The section between <see cref="Begin"/> and <see cref="End"/>, markers included.</summary>
    public static string Render(IReadOnlyList<Route> routes)
    {
        var md = new StringBuilder();
        md.Append(Begin).Append('\n').Append('\n');
        md.Append("### Permissions by role\n\n");
        Header(md, "permission", "what it covers");
        foreach (var row in Permissions.All)
        {
            Row(md, [$"`{row.Name}`", row.Covers], row.Name);
        }
        md.Append("\n### Routes\n\n");
        md.Append("Health routes and `POST /api/v1/pairing` are open to all (no token); every other route needs a token and the permission named.\n\n");
        Header(md, "route", "permission");
        foreach (var route in routes)
        {
            if (route.Permission is null)
            {
                md.Append($"| `{route.Method} {route.Pattern}` | open | {string.Join(" | ", Roles.All.Select(_ => "allowed"))} |\n");
            }
            else
            {
                Row(md, [$"`{route.Method} {route.Pattern}`", $"`{route.Permission}`"], route.Permission);
            }
        }
        md.Append("\n### Commands of a device's batch (`POST /api/v1/sync/commands`)\n\n");
        md.Append("Each command needs `sync.commands` for the batch and its own permission; no approval travels with a batch, so an act that needs one is refused there.\n\n");
        Header(md, "command type", "permission");
        foreach (var type in Contracts.Sync.DeviceCommands.Types)
        {
            var permission = Permissions.OfCommand(type);
            md.Append($"| `{type}` | `{permission}` | {string.Join(" | ", Roles.All.Select(r => Queued(Permissions.VerdictOf(r, permission))))} |\n");
            if (type == "void-line")
            {
                var fired = Contracts.Permissions.PermissionNames.LinesVoidFired;
                md.Append($"| `void-line` of a fired line | `{fired}` | {string.Join(" | ", Roles.All.Select(r => Queued(Permissions.VerdictOf(r, fired))))} |\n");
            }
        }
        md.Append('\n').Append(End);
        return md.ToString();
    }

    /// <summary>The document with its table replaced by <paramref name="table"/>; null when the document has no markers.</summary>
    public static string? Replace(string document, string table)
    {
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        return begin < 0 || end < begin ? null : document[..begin] + table + document[(end + End.Length)..];
    }

    private static void Header(StringBuilder md, string first, string second)
    {
        md.Append($"| {first} | {second} | {string.Join(" | ", Roles.All)} |\n");
        md.Append($"|---|---|{string.Concat(Roles.All.Select(_ => "---|"))}\n");
    }

    private static void Row(StringBuilder md, string[] first, string permission) =>
        md.Append($"| {string.Join(" | ", first)} | {string.Join(" | ", Roles.All.Select(r => Word(Permissions.VerdictOf(r, permission))))} |\n");

    private static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Allowed => "allowed",
        Verdict.NeedsApproval => "needs approval",
        _ => "refused",
    };

    private static string Queued(Verdict verdict) => verdict == Verdict.NeedsApproval ? "refused (needs approval: send it on its route)" : Word(verdict);
}
