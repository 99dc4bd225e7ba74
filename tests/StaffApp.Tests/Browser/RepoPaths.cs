using System.Reflection;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>Where the build put what the browser tests run: the appliance's output and the published staff app.</summary>
public static class RepoPaths
{
    public static string ApplianceDll => Path.Combine(Metadata("ApplianceOutputDir"), "Pos.Appliance.dll");
    public static string StaffAppPublishDir => Metadata("StaffAppPublishDir");
    public static string Root => Metadata("RepositoryRoot");

    private static string Metadata(string key) =>
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
