using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pos.EndToEnd.Tests.Contract;

/// <summary>
/// The OpenAPI document the running appliance serves tells the truth to the tools integrators use: Redocly's
/// recommended rules find no error in it; the NSwag (System.Text.Json) and Kiota clients generated from it, with no
/// hand edits, take a whole order through the live appliance; the openapi-typescript types compile with
/// <c>--strict</c>. Everything is generated from the served document at test time, so a contract change that
/// breaks a generated client breaks one of these tests.
/// </summary>
[Collection(ContractCollection.Name)]
public sealed class ContractTests(ContractRig rig) : IClassFixture<ContractRig>
{
    /// <summary>
    /// The warnings of the recommended ruleset that remain, and why: the appliance's license is not a public one, so
    /// the document names none (info-license); /health/live and /health/ready are open to all and answer only 200 or
    /// 503, so they declare no 4XX answer (operation-4xx-response).
    /// </summary>
    private static readonly Dictionary<string, string> AcceptedWarnings = new(StringComparer.Ordinal)
    {
        ["info-license"] = "#/info",
        ["operation-4xx-response"] = "#/paths/~1health~1",
    };

    [Fact]
    public async Task Redocly_finds_no_error_in_the_served_document()
    {
        var lint = await rig.NpxAsync("redocly", "lint", rig.DocumentPath, "--config", Path.Combine(rig.ToolsDir, "redocly.yaml"), "--format", "json");
        var report = JsonNode.Parse(lint.StandardOutput)!;
        var problems = report["problems"]!.AsArray()
            .Select(p => (Rule: (string)p!["ruleId"]!, Severity: (string)p["severity"]!, Message: (string)p["message"]!,
                Pointer: (string?)p["location"]?[0]?["pointer"] ?? ""))
            .ToList();
        Assert.True(problems.All(p => p.Severity != "error"), "Redocly errors:\n" + string.Join("\n", problems.Where(p => p.Severity == "error")));
        var unexpected = problems.Where(p => !(AcceptedWarnings.TryGetValue(p.Rule, out var at) && p.Pointer.StartsWith(at, StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, "Redocly warnings not accepted (fix them, or say in AcceptedWarnings why they stay):\n" + string.Join("\n", unexpected));
        Assert.Equal(0, lint.ExitCode);
    }

    [Fact]
    public async Task The_nswag_client_takes_a_whole_order_through()
    {
        var result = await RunClientAsync("nswag");
        Assert.True(result.Succeeded, result.Output);
        Assert.Contains("nswag: the whole order went through", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kiota_client_takes_a_whole_order_through()
    {
        var result = await RunClientAsync("kiota");
        Assert.True(result.Succeeded, result.Output);
        Assert.Contains("kiota: the whole order went through", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_typescript_types_compile_strict()
    {
        var compiled = await CompileTypescriptAsync(rig.DocumentPath, "served");
        Assert.True(compiled.Succeeded, compiled.Output);
    }

    [Fact]
    public async Task A_contract_change_that_breaks_a_client_fails_its_compile()
    {
        // The same document with one field of the order gone, as a careless change to the wire types would make it.
        var document = JsonNode.Parse(await File.ReadAllTextAsync(rig.DocumentPath))!;
        var order = document["components"]!["schemas"]!["OrderView"]!;
        Assert.True(order["properties"]!.AsObject().Remove("lines"), "OrderView has lines");
        order["required"]!.AsArray().Remove(order["required"]!.AsArray().First(r => (string?)r == "lines"));
        var broken = Path.Combine(rig.WorkDir, "pos-api-without-lines.json");
        await File.WriteAllTextAsync(broken, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var compiled = await CompileTypescriptAsync(broken, "broken");
        Assert.False(compiled.Succeeded, "tsc accepted a client use of a field the contract no longer has");
        Assert.Contains("'lines' does not exist", compiled.Output, StringComparison.Ordinal);
    }

    private async Task<ToolResult> RunClientAsync(string which)
    {
        var program = await rig.ClientsAsync();
        return await ToolRun.RunAsync("dotnet", [program, which, rig.Appliance.BaseAddress.ToString().TrimEnd('/'), ApplianceProcess.AdminToken],
            rig.WorkDir, TimeSpan.FromMinutes(2));
    }

    /// <summary>Generates the types from a document and compiles tests/contract/usage.ts against them with tsc --strict, in a folder of its own.</summary>
    private async Task<ToolResult> CompileTypescriptAsync(string documentPath, string name)
    {
        var dir = Directory.CreateDirectory(Path.Combine(rig.WorkDir, "ts-" + name)).FullName;
        File.Copy(Path.Combine(rig.ToolsDir, "usage.ts"), Path.Combine(dir, "usage.ts"));
        // Fields with a default are optional to send (--default-non-nullable false): the server fills them.
        var generated = await rig.NpxAsync("openapi-typescript", documentPath, "-o", Path.Combine(dir, "pos-api.d.ts"), "--default-non-nullable", "false");
        Assert.True(generated.Succeeded, generated.Output);
        return await rig.NpxAsync("tsc", "--strict", "--noEmit", "--target", "ES2022", "--module", "ES2022", "--moduleResolution", "Bundler",
            Path.Combine(dir, "usage.ts"));
    }
}

/// <summary>
/// The contract tests build and run generated clients (CPU-heavy for a minute or two): they run alone, after the
/// other end-to-end tests, so they never slow a test that measures how long a failover takes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ContractCollection
{
    public const string Name = "Contract: generated clients";
}
