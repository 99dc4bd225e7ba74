using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Pos.Contracts.Journal;
using Pos.Contracts.Menu;
using Pos.Contracts.Sync;

namespace Pos.Cloud.Tests.ChainMenus;

/// <summary>Calls the chain-menu and group tests make: HQ requests with If-Match, answers read as JSON, a store's own signed pull.</summary>
internal static class HqCalls
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null, int? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body is string text ? new StringContent(text, Encoding.UTF8, "application/json") : JsonContent.Create(body);
        }
        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        }
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await JsonAsync(response, status);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    /// <summary>
    /// The store's own pull of its published menu, as the appliance makes it: signed with the store's secret over the
    /// path, <c>?after=</c> the version it applied last.
    /// </summary>
    public static async Task<HttpResponseMessage> PullAsync(CloudFactory cloud, TestStore store, int after)
    {
        var path = $"/cloud/v1/stores/{store.StoreId}/menu/published";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?after={after}");
        request.Headers.Add(BatchSignature.Header, BatchSignature.Sign(store.Secret, DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(path)));
        using var client = cloud.NewClient(token: null);
        return await client.SendAsync(request);
    }

    /// <summary>The published menu a store pulls after <paramref name="after"/>: its version and the whole menu.</summary>
    public static async Task<(int Version, MenuDefinition Menu)> PulledAsync(CloudFactory cloud, TestStore store, int after)
    {
        var published = await JsonAsync(await PullAsync(cloud, store, after), HttpStatusCode.OK);
        return (published.GetProperty("version").GetInt32(), published.GetProperty("menu").Deserialize<MenuDefinition>(EventJson.Options)!);
    }

    public static int Version(JsonElement answer) => answer.GetProperty("version").GetInt32();
}
