using System.Net;
using System.Text;

namespace Pos.StaffApp.Tests.Screens;

/// <summary>
/// The appliance as a screen's HttpClient sees it in a bUnit test: answers set per route ("GET api/v1/drawers", or a
/// prefix ending in *), in the
/// JSON of the contract, and every request recorded with its body and headers.
/// </summary>
public sealed class FakeAppliance : HttpMessageHandler
{
    private readonly Dictionary<string, Func<string, (HttpStatusCode Status, string Json)>> _routes = new(StringComparer.Ordinal);

    public List<(string Route, string Body, string? IdempotencyKey)> Requests { get; } = [];

    public FakeAppliance On(string route, HttpStatusCode status, string json) => On(route, _ => (status, json));

    public FakeAppliance On(string route, Func<string, (HttpStatusCode, string)> answer)
    {
        _routes[route] = answer;
        return this;
    }

    public HttpClient Client() => new(this) { BaseAddress = new Uri("http://appliance.test/") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = $"{request.Method.Method} {request.RequestUri!.PathAndQuery.TrimStart('/')}";
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((route, body, request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null));
        // An exact route first, else one that ends in * as a prefix ("PUT api/v1/employees/*").
        var answer = _routes.TryGetValue(route, out var exact) ? exact
            : _routes.FirstOrDefault(r => r.Key.EndsWith('*') && route.StartsWith(r.Key[..^1], StringComparison.Ordinal)).Value;
        var (status, json) = answer is not null
            ? answer(body)
            : (HttpStatusCode.NotFound, """{"status":404,"code":"not-found","detail":"No such route in this test."}""");
        return new HttpResponseMessage(status)
        {
            Content = new StringContent(json, Encoding.UTF8, status >= HttpStatusCode.BadRequest ? "application/problem+json" : "application/json"),
        };
    }
}
