using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Pos.Cloud.Tests;

/// <summary>
/// Every cloud route that takes a store id, in its path or its query string, refuses one with a NUL or another control
/// character (or that is not an id at all) with a 400 problem naming storeId: it never reaches PostgreSQL, which refuses
/// NUL in text (22021) and made it a 500. The routes are read from the silo itself, so a route added later is covered.
/// (An encoded NUL in a path is refused by Kestrel before any route, with a bare 400.)
/// </summary>
public sealed class StoreIdTests : CloudTest
{
    private static readonly string[] Poison = ["\0", "known\0", "a\u0001b", "\u001b[2J", "\u007f", "line\nbreak", "tab\there", "with space", new string('x', 65)];

    [Fact]
    public async Task Every_route_that_takes_a_store_id_answers_400_naming_it_for_nul_and_control_characters_never_500()
    {
        using var created = await Hq.PutAsync("/cloud/v1/stores/known", new StringContent("""{"name":"Known","timeZone":"UTC"}""", Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        var routes = Cloud.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/cloud/", StringComparison.Ordinal) == true)
            .Select(e => (
                Pattern: e.RoutePattern.RawText!,
                Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"],
                TakesStoreId: e.Metadata.GetMetadata<MethodInfo>()?.GetParameters().Any(p => p.Name == "storeId") == true))
            .ToList();
        Assert.Contains(routes, r => r.Pattern.Contains("{storeId}", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.TakesStoreId && !r.Pattern.Contains("{storeId}", StringComparison.Ordinal)); // the HQ report's query

        var wrong = new List<string>();
        var checkedRoutes = 0;
        foreach (var (pattern, methods, takesStoreId) in routes)
        {
            foreach (var method in methods)
            {
                foreach (var poison in Poison)
                {
                    var escaped = Uri.EscapeDataString(poison);
                    var inPath = pattern.Contains("{storeId}", StringComparison.Ordinal);
                    var target = (inPath ? pattern.Replace("{storeId}", escaped, StringComparison.Ordinal) : pattern)
                        + $"?businessDate=2026-11-25&storeId={(inPath ? "known" : escaped)}";
                    using var request = new HttpRequestMessage(new HttpMethod(method), target);
                    if (method is "PUT" or "POST")
                    {
                        request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                    }
                    using var response = await Hq.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    var what = $"{method} {pattern} with storeId {JsonSerializer.Serialize(poison)}: {(int)response.StatusCode} {body}";
                    if (!takesStoreId)
                    {
                        if (response.StatusCode == HttpStatusCode.InternalServerError)
                        {
                            wrong.Add(what);
                        }
                        continue;
                    }
                    checkedRoutes++;
                    // The web server itself refuses an encoded NUL in a path, with a bare 400, before any code of ours runs.
                    var byServer = inPath && poison.Contains('\0', StringComparison.Ordinal) && body.Length == 0;
                    if (response.StatusCode != HttpStatusCode.BadRequest
                        || (!byServer && (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || !IsStoreIdProblem(body))))
                    {
                        wrong.Add(what);
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(checkedRoutes >= 7 * Poison.Length, $"{checkedRoutes} requests checked");
        // Nothing was stored under a poisoned id, and the good id still answers.
        Assert.Equal(HttpStatusCode.OK, (await Hq.GetAsync("/cloud/v1/reports/daily?businessDate=2026-11-25&storeId=known")).StatusCode);
        var stores = JsonDocument.Parse(await Hq.GetStringAsync("/cloud/v1/stores")).RootElement.GetProperty("stores");
        Assert.Equal(["known"], stores.EnumerateArray().Select(s => s.GetProperty("storeId").GetString()));
    }

    private static bool IsStoreIdProblem(string body)
    {
        var problem = JsonDocument.Parse(body).RootElement;
        return problem.GetProperty("code").GetString() == "validation-failed" && problem.GetProperty("errors").TryGetProperty("storeId", out _);
    }
}
