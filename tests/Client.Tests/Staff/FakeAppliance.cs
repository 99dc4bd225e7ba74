using System.Net;
using System.Text;
using System.Text.Json;

namespace Pos.Client.Tests.Staff;

/// <summary>
/// A stand-in for the appliance's HTTP side as the staff routes see it: it knows one device token and the session
/// tokens it handed out, answers a batch by applying every command, records who sent what, and can end a session
/// (as 12 hours or a manager would).
/// </summary>
internal sealed class FakeAppliance : HttpMessageHandler
{
    public const string DeviceToken = "pos_device_test";

    private readonly Lock _gate = new();
    private readonly HashSet<string> _sessions = new(StringComparer.Ordinal);

    /// <summary>Each request: method, path, the bearer token it carried, and the command ids of a batch.</summary>
    public List<(string Method, string Path, string? Bearer, string[] Commands)> Seen { get; } = [];

    public void Admit(string sessionToken)
    {
        lock (_gate)
        {
            _sessions.Add(sessionToken);
        }
    }

    public void End(string sessionToken)
    {
        lock (_gate)
        {
            _sessions.Remove(sessionToken);
        }
    }

    public IReadOnlyList<(string Method, string Path, string? Bearer, string[] Commands)> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. Seen];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var bearer = request.Headers.Authorization?.Parameter;
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        string[] commands = [];
        if (path.EndsWith("/sync/commands", StringComparison.Ordinal))
        {
            commands = [.. JsonDocument.Parse(body).RootElement.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("commandId").GetString()!)];
        }
        bool known;
        lock (_gate)
        {
            Seen.Add((request.Method.Method, path, bearer, commands));
            known = bearer == DeviceToken || (bearer is not null && _sessions.Contains(bearer));
        }
        if (!known)
        {
            return Json(HttpStatusCode.Unauthorized, """{"status":401,"code":"unauthorized","detail":"Not known."}""");
        }
        if (request.Method == HttpMethod.Delete && path.EndsWith("/staff-sessions/current", StringComparison.Ordinal))
        {
            End(bearer!);
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
        if (commands.Length > 0)
        {
            var results = string.Join(",", commands.Select(id => $$"""{"commandId":"{{id}}","outcome":"applied","version":1}"""));
            return Json(HttpStatusCode.OK, $$"""{"results":[{{results}}]}""");
        }
        return Json(HttpStatusCode.NotFound, """{"status":404,"code":"not-found","detail":"No such route here."}""");
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
