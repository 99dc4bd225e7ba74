using System.Text.Json;
using Pos.Cloud.Hosting;
using Pos.Contracts.Menu;
using Pos.Contracts.Requests;

namespace Pos.Cloud.Menus;

/// <summary>A whole menu in a request body, read as strictly as the appliance's PUT /api/v1/menu reads it, and checked.</summary>
public static class MenuBody
{
    /// <summary>The menu the body holds, or the problem saying why it holds none.</summary>
    public static async Task<(MenuDefinition? Menu, IResult? Problem)> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        MenuRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<MenuRequest>(http.Request.Body, RequestJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            return (null, CloudProblems.FromJson(e));
        }
        if (body is null)
        {
            return (null, CloudProblems.Invalid("menu", "The body must be a menu: {\"currency\": \"USD\", \"items\": [...]}."));
        }
        if (!body.TryToDefinition(out var menu, out var field, out var detail))
        {
            return (null, CloudProblems.Invalid(field, detail));
        }
        return MenuRules.Check(menu) is { } error ? (null, CloudProblems.Refused(error, "menu")) : (menu, null);
    }
}
