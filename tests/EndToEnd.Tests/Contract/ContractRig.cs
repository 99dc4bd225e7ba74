using Pos.Tests.Shared;

namespace Pos.EndToEnd.Tests.Contract;

/// <summary>
/// A running appliance, the OpenAPI document it serves (saved in a work folder) and the tools that read it: the npm
/// packages of tests/contract (Redocly CLI, openapi-typescript, TypeScript) and the dotnet local tools of
/// .config/dotnet-tools.json (NSwag, Kiota). <c>./pos test</c> installs both before the tests; run alone, the rig
/// installs what is missing itself. The NSwag and Kiota clients are generated and built once, into one project
/// (one restore, one build), for the tests that run them.
/// </summary>
public sealed class ContractRig : IAsyncLifetime
{
    public static readonly TimeSpan ToolDeadline = TimeSpan.FromMinutes(10);

    private readonly Lazy<Task<string>> _clients;
    private ApplianceProcess? _appliance;

    public ContractRig() => _clients = new Lazy<Task<string>>(BuildClientsAsync);

    /// <summary>The checkout: the folder holding Appliance.sln.</summary>
    public string Root { get; } = FindRoot();

    /// <summary>tests/contract: the npm packages, the Redocly configuration, the TypeScript use and the clients' scenarios.</summary>
    public string ToolsDir => Path.Combine(Root, "tests", "contract");

    /// <summary>Where this run writes the document and what is generated from it.</summary>
    public string WorkDir { get; } = Directory.CreateTempSubdirectory("pos-contract-").FullName;

    /// <summary>The document as the appliance served it, saved as JSON.</summary>
    public string DocumentPath => Path.Combine(WorkDir, "pos-api.json");

    public ApplianceProcess Appliance => _appliance ?? throw new InvalidOperationException("The rig has not started.");

    public async Task InitializeAsync()
    {
        await EnsureToolsAsync();
        var dataDir = Directory.CreateDirectory(Path.Combine(WorkDir, "appliance")).FullName;
        _appliance = await ApplianceProcess.StartAsync(await TestPostgres.CreateDatabaseAsync("e2econtract"), dataDir);
        using var client = _appliance.NewClient();
        await File.WriteAllTextAsync(DocumentPath, await client.GetStringAsync("/swagger/v1/swagger.json"));
    }

    /// <summary>The generated clients' program, built (once): its path.</summary>
    public Task<string> ClientsAsync() => _clients.Value;

    /// <summary>Runs an npm package's command from tests/contract with npx, from what is installed there only.</summary>
    public Task<ToolResult> NpxAsync(params string[] arguments) =>
        ToolRun.RunAsync("npx", ["--no-install", .. arguments], ToolsDir, ToolDeadline);

    /// <summary>Runs a dotnet local tool (.config/dotnet-tools.json).</summary>
    public Task<ToolResult> DotnetToolAsync(params string[] arguments) =>
        ToolRun.RunAsync("dotnet", ["tool", "run", .. arguments], Root, ToolDeadline);

    private async Task EnsureToolsAsync()
    {
        if (!File.Exists(Path.Combine(ToolsDir, "node_modules", ".bin", "redocly")))
        {
            Require(await ToolRun.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], ToolsDir, ToolDeadline), "npm ci in tests/contract");
        }
        Require(await ToolRun.RunAsync("dotnet", ["tool", "restore"], Root, ToolDeadline), "dotnet tool restore");
    }

    /// <summary>
    /// Generates the NSwag client (System.Text.Json, enums by their wire names) and the Kiota client from the served
    /// document, as the generators write them, next to the scenarios of tests/contract/clients, and builds them.
    /// </summary>
    private async Task<string> BuildClientsAsync()
    {
        var project = Path.Combine(WorkDir, "clients");
        Directory.CreateDirectory(project);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ToolsDir, "clients")))
        {
            File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
        }
        // The central package versions, so the clients build with the versions the repository pins.
        File.Copy(Path.Combine(Root, "Directory.Packages.props"), Path.Combine(project, "Directory.Packages.props"));
        Require(await DotnetToolAsync("nswag", "openapi2csclient", $"/input:{DocumentPath}", $"/output:{Path.Combine(project, "Nswag", "PosNswagClient.cs")}",
            "/namespace:Gen.Nswag", "/className:PosNswagClient", "/jsonLibrary:SystemTextJson", "/jsonLibraryVersion:9.0",
            "/generateClientInterfaces:false", "/useBaseUrl:true", "/wrapResponses:true", "/generateOptionalParameters:true"), "NSwag generation");
        Require(await DotnetToolAsync("kiota", "generate", "-d", DocumentPath, "-l", "CSharp", "-o", Path.Combine(project, "Kiota"),
            "-n", "Gen.Kiota", "-c", "PosKiotaClient", "--exclude-backward-compatible", "--ll", "Warning"), "Kiota generation");
        var build = await ToolRun.RunAsync("dotnet", ["build", "-nologo", "-v", "q", "-clp:ErrorsOnly", "-o", Path.Combine(project, "out")], project, ToolDeadline);
        Require(build, "building the generated clients with their scenarios (a contract change that breaks a client breaks this build)");
        return Path.Combine(project, "out", "GeneratedClients.dll");
    }

    private static void Require(ToolResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{what} failed (exit {result.ExitCode}):\n{result.Output}");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Appliance.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Appliance.sln above {AppContext.BaseDirectory}.");
    }

    public async Task DisposeAsync()
    {
        if (_appliance is not null)
        {
            await _appliance.DisposeAsync();
        }
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // a tool still holding a file: the temporary folder is left for the system to clear
        }
    }
}
