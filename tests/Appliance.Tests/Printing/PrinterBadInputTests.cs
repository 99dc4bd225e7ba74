using System.Net;
using System.Net.Http.Json;
using System.Text;
using Pos.Tests.Shared;

namespace Pos.Appliance.Tests.Printing;

/// <summary>Wrong printer requests get a problem with a stable code and change nothing.</summary>
public sealed class PrinterBadInputTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private readonly HttpClient _client = fixture.Client;

    public static TheoryData<string, HttpStatusCode, string> Cases => new()
    {
        { "missing-host", HttpStatusCode.BadRequest, "validation-failed" },
        { "bad-host", HttpStatusCode.BadRequest, "validation-failed" },
        { "port-out-of-range", HttpStatusCode.BadRequest, "validation-failed" },
        { "columns-too-narrow", HttpStatusCode.BadRequest, "validation-failed" },
        { "own-backup", HttpStatusCode.BadRequest, "validation-failed" },
        { "unknown-backup", HttpStatusCode.UnprocessableEntity, "unknown-printer" },
        { "bad-printer-id", HttpStatusCode.BadRequest, "validation-failed" },
        { "unknown-code-page", HttpStatusCode.BadRequest, "validation-failed" },
        { "malformed-json", HttpStatusCode.BadRequest, "malformed-json" },
        { "reprint-unknown-job", HttpStatusCode.NotFound, "print-job-not-found" },
        { "reprint-on-unknown-printer", HttpStatusCode.NotFound, "printer-not-found" },
        { "jobs-bad-status", HttpStatusCode.BadRequest, "validation-failed" },
        { "jobs-of-unknown-printer", HttpStatusCode.NotFound, "printer-not-found" },
        { "remove-unknown-printer", HttpStatusCode.NotFound, "printer-not-found" },
        { "remove-with-a-body", HttpStatusCode.BadRequest, "validation-failed" },
        { "remove-bad-printer-id", HttpStatusCode.BadRequest, "validation-failed" },
        { "remove-force-not-a-boolean", HttpStatusCode.BadRequest, "validation-failed" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_printer_input_gets_a_problem_and_changes_nothing(string kind, HttpStatusCode status, string code)
    {
        await Put("pass", new { name = "Pass", host = "127.0.0.1", port = 9, station = "expo" });
        var printersBefore = await ConfigurationsAsync();
        var head = await fixture.HeadSeqAsync();

        using var response = kind switch
        {
            "missing-host" => await Put("grill", new { name = "Grill", station = "grill" }),
            "bad-host" => await Put("grill", new { name = "Grill", host = "not a host!", station = "grill" }),
            "port-out-of-range" => await Put("grill", new { name = "Grill", host = "10.0.0.5", port = 70000, station = "grill" }),
            "columns-too-narrow" => await Put("grill", new { name = "Grill", host = "10.0.0.5", station = "grill", columns = 10 }),
            "own-backup" => await Put("pass", new { name = "Pass", host = "127.0.0.1", station = "expo", backupPrinterId = "pass" }),
            "unknown-backup" => await Put("grill", new { name = "Grill", host = "10.0.0.5", station = "grill", backupPrinterId = "nowhere" }),
            "bad-printer-id" => await Put("grill%20one", new { name = "Grill", host = "10.0.0.5", station = "grill" }),
            "unknown-code-page" => await Raw("/api/v1/printers/grill", """{"name":"Grill","host":"10.0.0.5","station":"grill","codePage":"klingon"}"""),
            "malformed-json" => await Raw("/api/v1/printers/grill", """{"name":"Grill","host":"""),
            "reprint-unknown-job" => await _client.PostAsJsonAsync($"/api/v1/printers/pass/jobs/{Guid.NewGuid()}/reprint", new { }),
            "reprint-on-unknown-printer" => await _client.PostAsJsonAsync($"/api/v1/printers/nowhere/jobs/{Guid.NewGuid()}/reprint", new { }),
            "jobs-bad-status" => await _client.GetAsync("/api/v1/printers/pass/jobs?status=lost"),
            "jobs-of-unknown-printer" => await _client.GetAsync("/api/v1/printers/nowhere/jobs"),
            "remove-unknown-printer" => await _client.DeleteAsync("/api/v1/printers/nowhere"),
            "remove-with-a-body" => await _client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/printers/pass") { Content = JsonContent.Create(new { force = true }) }),
            "remove-bad-printer-id" => await _client.DeleteAsync("/api/v1/printers/pass%20one"),
            "remove-force-not-a-boolean" => await _client.DeleteAsync("/api/v1/printers/pass?force=maybe"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal($"https://pos-appliance.dev/problems/{code}", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));

        Assert.Equal(head, await fixture.HeadSeqAsync());
        Assert.Equal(printersBefore, await ConfigurationsAsync());
    }

    // The configuration part of every printer (its status moves on its own).
    private async Task<List<string>> ConfigurationsAsync()
    {
        string[] fields = ["printerId", "name", "host", "port", "station", "backupPrinterId", "columns", "codePage", "confirm", "failoverAfterSeconds"];
        return [.. (await _client.GetJsonAsync("/api/v1/printers")).GetProperty("printers").EnumerateArray()
            .Select(p => string.Join('|', fields.Select(f => p.GetProperty(f).ToString())))];
    }

    private async Task<HttpResponseMessage> Put(string id, object body) => await _client.PutAsJsonAsync($"/api/v1/printers/{id}", body);

    private Task<HttpResponseMessage> Raw(string path, string json) =>
        _client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
