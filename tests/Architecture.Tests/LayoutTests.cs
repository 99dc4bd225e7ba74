namespace Pos.Architecture.Tests;

/// <summary>
/// The repository's real project files keep the layout's rules; and each rule, given a project file that breaks it
/// (parsed from XML the same way), reports it, so adding such a reference or link makes these tests fail.
/// </summary>
public sealed class LayoutTests
{
    private static readonly IReadOnlyList<ProjectFile> Repository = ProjectFile.All(ProjectFile.RepositoryRoot());

    [Fact]
    public void The_repository_has_the_projects_the_rules_speak_of()
    {
        var paths = Repository.Select(p => p.Path).ToList();
        foreach (var expected in new[]
        {
            "Contracts/Contracts.csproj", "Grains/Grains.csproj", "Api/Api.csproj", "Appliance/Appliance.csproj",
            "Cloud/Cloud.csproj", "tools/Hosting/Hosting.csproj", "tools/Shared/Shared.csproj", "StaffApp/StaffApp.csproj",
        })
        {
            Assert.Contains(expected, paths);
        }
        // The rule on order grains has something to find: the project that holds them is recognised.
        Assert.Contains(Repository.Single(p => p.Path == "Grains/Grains.csproj").Sources, LayoutRules.HoldsOrderGrainsOrPrinterTransport);
    }

    [Fact]
    public void No_project_reference_or_linked_file_runs_between_the_appliance_and_the_cloud() =>
        Assert.Empty(LayoutRules.NoCrossingBetweenApplianceAndCloud(Repository));

    [Fact]
    public void The_cloud_reaches_neither_the_order_grains_nor_the_printer_transport() =>
        Assert.Empty(LayoutRules.CloudSeesNoOrderGrainsNorPrinterTransport(Repository));

    [Fact]
    public void Contracts_reference_no_package_and_no_project() =>
        Assert.Empty(LayoutRules.ContractsDependOnNothing(Repository));

    [Fact]
    public void The_staff_app_references_only_contracts_and_the_client() =>
        Assert.Empty(LayoutRules.StaffAppReferencesOnlyTheWireAndTheClient(Repository));

    [Fact]
    public void A_staff_app_referencing_the_api_is_reported()
    {
        var projects = With(Project("StaffApp/StaffApp.csproj", """<ItemGroup><ProjectReference Include="..\Api\Api.csproj" /></ItemGroup>"""));

        Assert.Single(LayoutRules.StaffAppReferencesOnlyTheWireAndTheClient(projects), v => v.Contains("Api/Api.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void No_project_outside_tests_compiles_a_linked_source_file() =>
        Assert.Empty(LayoutRules.NoLinkedSourceOutsideTests(Repository));

    [Fact]
    public void A_cloud_project_compiling_an_appliance_file_is_reported()
    {
        var projects = With(Project("Cloud/Cloud.csproj", """
            <ItemGroup><Compile Include="..\Appliance\Database\Migrator.cs" Link="Database\Migrator.cs" /></ItemGroup>
            """));

        Assert.Single(LayoutRules.NoCrossingBetweenApplianceAndCloud(projects), v => v.Contains("Appliance/Database/Migrator.cs", StringComparison.Ordinal));
        Assert.Single(LayoutRules.NoLinkedSourceOutsideTests(projects));
    }

    [Fact]
    public void An_appliance_project_compiling_a_cloud_file_is_reported()
    {
        var projects = With(Project("Appliance/Appliance.csproj", """
            <ItemGroup><Compile Include="..\Cloud\Stores\BatchSignature.cs" Link="Sync\BatchSignature.cs" /></ItemGroup>
            """));

        Assert.Single(LayoutRules.NoCrossingBetweenApplianceAndCloud(projects), v => v.Contains("Cloud/Stores/BatchSignature.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_linked_file_without_a_link_attribute_is_still_reported_when_it_comes_from_another_folder()
    {
        var projects = With(Project("tools/Bench/Bench.csproj", """<ItemGroup><Compile Include="..\Shared\ServerProcess.cs" /></ItemGroup>"""));

        Assert.Single(LayoutRules.NoLinkedSourceOutsideTests(projects));
    }

    [Fact]
    public void A_test_project_may_link_the_tests_shared_files()
    {
        var projects = With(Project("tests/Cloud.Tests/Cloud.Tests.csproj", """<ItemGroup><Compile Include="..\Shared\Poll.cs" LinkBase="Shared" /></ItemGroup>"""));

        Assert.Empty(LayoutRules.NoLinkedSourceOutsideTests(projects));
    }

    [Fact]
    public void The_cloud_referencing_grains_directly_or_through_another_project_is_reported()
    {
        var grains = Project("Grains/Grains.csproj", "", "public interface IOrderGrain : IGrainWithGuidKey { }");
        var direct = With(Project("Cloud/Cloud.csproj", """<ItemGroup><ProjectReference Include="..\Grains\Grains.csproj" /></ItemGroup>"""), grains);
        var throughTools = With(
            Project("Cloud/Cloud.csproj", """<ItemGroup><ProjectReference Include="..\tools\Hosting\Hosting.csproj" /></ItemGroup>"""),
            Project("tools/Hosting/Hosting.csproj", """<ItemGroup><ProjectReference Include="..\..\Grains\Grains.csproj" /></ItemGroup>"""),
            grains);

        Assert.NotEmpty(LayoutRules.CloudSeesNoOrderGrainsNorPrinterTransport(direct));
        Assert.NotEmpty(LayoutRules.NoCrossingBetweenApplianceAndCloud(direct));
        Assert.Contains(LayoutRules.CloudSeesNoOrderGrainsNorPrinterTransport(throughTools), v => v.Contains("through tools/Hosting/Hosting.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cloud_reaching_a_project_that_holds_the_printer_transport_is_reported()
    {
        var projects = With(
            Project("Cloud/Cloud.csproj", """<ItemGroup><ProjectReference Include="..\tools\Printing\Printing.csproj" /></ItemGroup>"""),
            Project("tools/Printing/Printing.csproj", "", "namespace Pos.Printing.Transport;\n\npublic sealed class TcpLink { }"));

        Assert.Single(LayoutRules.CloudSeesNoOrderGrainsNorPrinterTransport(projects));
    }

    [Fact]
    public void Contracts_with_a_package_or_a_project_reference_is_reported()
    {
        var projects = With(Project("Contracts/Contracts.csproj", """
            <ItemGroup>
              <PackageReference Include="Microsoft.Orleans.Sdk" />
              <ProjectReference Include="..\Grains\Grains.csproj" />
            </ItemGroup>
            """));

        Assert.Equal(2, LayoutRules.ContractsDependOnNothing(projects).Count());
    }

    private static ProjectFile Project(string path, string items, params string[] sources) =>
        ProjectFile.Parse(path, $"""<Project Sdk="Microsoft.NET.Sdk">{items}</Project>""", sources);

    private static IReadOnlyList<ProjectFile> With(params ProjectFile[] projects) => projects;
}
