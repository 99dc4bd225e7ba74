using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pos.Api.Auth;
using Pos.Contracts.Permissions;

namespace Pos.Api.Tests.Auth;

/// <summary>
/// The permission table: every route served names a permission of the table (or is open on purpose), every command
/// maps to one, and docs/SECURITY.md shows exactly the code's table (POS_WRITE_DOCS=1 writes it there instead of failing).
/// </summary>
public sealed class PermissionTableTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private IReadOnlyList<PermissionTableDoc.Route> Routes() =>
        PermissionTableDoc.RoutesOf(fixture.Appliance.Services.GetRequiredService<EndpointDataSource>());

    [Fact]
    public void Every_route_needs_a_permission_of_the_table_unless_it_is_open_on_purpose()
    {
        var routes = Routes();
        var open = routes.Where(r => r.Permission is null).Select(r => $"{r.Method} {r.Pattern}").Order(StringComparer.Ordinal);
        Assert.Equal(["GET /health/live", "GET /health/printers", "GET /health/ready", "GET /health/sync", "POST /api/v1/pairing"], open);
        Assert.All(routes.Where(r => r.Permission is not null), r => Assert.True(Permissions.IsKnown(r.Permission!), $"{r.Method} {r.Pattern} needs '{r.Permission}'"));
    }

    [Fact]
    public void The_table_names_each_permission_once_and_the_admin_may_do_everything()
    {
        Assert.Equal(Permissions.All.Count, Permissions.All.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count());
        var named = typeof(PermissionNames).GetFields().Select(f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal);
        Assert.Equal(named, Permissions.All.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(Permissions.All, r => Assert.Equal(Verdict.Allowed, Permissions.VerdictOf(Roles.Admin, r.Name)));
        Assert.All(Permissions.CommandPermissions.Values, p => Assert.True(Permissions.IsKnown(p), p));
        Assert.Equal(Verdict.Refused, Permissions.VerdictOf("", PermissionNames.MenuRead));
        Assert.Equal(Verdict.Refused, Permissions.VerdictOf(Roles.Admin, "no.such-permission"));
        Assert.False(Permissions.IsKnown(Permissions.OfCommand("no-such-command")));
    }

    [Fact]
    public async Task The_table_in_SECURITY_md_is_the_code_s()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "SECURITY.md");
        var document = await File.ReadAllTextAsync(path);
        var table = PermissionTableDoc.Render(Routes());
        var written = PermissionTableDoc.Replace(document, table);
        Assert.True(written is not null, $"{path} has no permission table between '{PermissionTableDoc.Begin}' and '{PermissionTableDoc.End}'.");
        if (written != document && Environment.GetEnvironmentVariable("POS_WRITE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(path, written);
            return;
        }
        Assert.True(written == document,
            $"docs/SECURITY.md's permission table differs from the code's; run this test with POS_WRITE_DOCS=1 to write it. The code's table:\n{table}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Appliance.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("No Appliance.sln above " + AppContext.BaseDirectory);
    }
}
