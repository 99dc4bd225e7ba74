using System.Text.RegularExpressions;

namespace Pos.Architecture.Tests;

/// <summary>
/// The layout's dependency rules (docs: DESIGN.md, "Layout"), checked on project files. Each rule returns its
/// violations as sentences naming the project and what it must not do; none means the rule holds.
/// </summary>
public static partial class LayoutRules
{
    /// <summary>The appliance's side of the repository: its host, its HTTP surface and its domain.</summary>
    public static readonly string[] ApplianceSide = ["Appliance", "Api", "Grains"];

    public const string CloudSide = "Cloud";

    /// <summary>No project reference and no linked file runs from the appliance's side to the cloud's, or back.</summary>
    public static IEnumerable<string> NoCrossingBetweenApplianceAndCloud(IReadOnlyList<ProjectFile> projects)
    {
        foreach (var project in projects)
        {
            var from = SideOf(project.Path);
            if (from is null)
            {
                continue;
            }
            foreach (var target in project.References.Concat(project.Linked.Select(l => l.Path)))
            {
                var to = SideOf(target);
                if (to is not null && to != from)
                {
                    yield return $"{project.Path} ({from}) reaches {target} ({to}).";
                }
            }
        }
    }

    /// <summary>
    /// Nothing the cloud is built from (its project and every project it reaches, step by step) holds the order grains
    /// or the printer transport, or is one of the appliance's projects.
    /// </summary>
    public static IEnumerable<string> CloudSeesNoOrderGrainsNorPrinterTransport(IReadOnlyList<ProjectFile> projects)
    {
        var byPath = projects.ToDictionary(p => p.Path, StringComparer.Ordinal);
        foreach (var cloud in projects.Where(p => p.Top == CloudSide))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<(string Path, string Via)>(cloud.References.Select(r => (r, cloud.Path)));
            while (pending.TryPop(out var next))
            {
                if (!seen.Add(next.Path))
                {
                    continue;
                }
                if (ApplianceSide.Contains(next.Path.Split('/')[0]))
                {
                    yield return $"{cloud.Path} reaches {next.Path} (through {next.Via}), a project of the appliance.";
                }
                if (!byPath.TryGetValue(next.Path, out var reached))
                {
                    continue;
                }
                if (reached.Sources.FirstOrDefault(HoldsOrderGrainsOrPrinterTransport) is not null)
                {
                    yield return $"{cloud.Path} reaches {next.Path} (through {next.Via}), which holds order grains or the printer transport.";
                }
                foreach (var further in reached.References)
                {
                    pending.Push((further, next.Path));
                }
            }
        }
    }

    /// <summary>Contracts depends on nothing but the BCL: no package, no project, no framework beyond the base one.</summary>
    public static IEnumerable<string> ContractsDependOnNothing(IReadOnlyList<ProjectFile> projects)
    {
        foreach (var contracts in projects.Where(p => p.Top == "Contracts"))
        {
            foreach (var package in contracts.Packages)
            {
                yield return $"{contracts.Path} references the package {package}.";
            }
            foreach (var reference in contracts.References)
            {
                yield return $"{contracts.Path} references the project {reference}.";
            }
            foreach (var framework in contracts.Frameworks)
            {
                yield return $"{contracts.Path} references the framework {framework}.";
            }
        }
    }

    /// <summary>
    /// The staff app runs on phones and speaks to the appliance over HTTP only: it references Contracts and Client,
    /// never the appliance's projects, Orleans or the cloud.
    /// </summary>
    public static IEnumerable<string> StaffAppReferencesOnlyTheWireAndTheClient(IReadOnlyList<ProjectFile> projects)
    {
        foreach (var app in projects.Where(p => p.Top == "StaffApp"))
        {
            foreach (var reference in app.References.Where(r => r.Split('/')[0] is not ("Contracts" or "Client")))
            {
                yield return $"{app.Path} references the project {reference}.";
            }
            foreach (var package in app.Packages.Where(p => p.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)))
            {
                yield return $"{app.Path} references the package {package}.";
            }
        }
    }

    /// <summary>Outside tests/, no project compiles a source file from another folder: shared code is a project.</summary>
    public static IEnumerable<string> NoLinkedSourceOutsideTests(IReadOnlyList<ProjectFile> projects) =>
        projects.Where(p => p.Top != "tests")
            .SelectMany(p => p.Linked.Where(l => l.Kind == "Compile").Select(l => $"{p.Path} compiles {l.Path} from outside its folder."));

    /// <summary>A source file that declares an order grain or lives in a printer transport namespace.</summary>
    public static bool HoldsOrderGrainsOrPrinterTransport(string source) => OrderGrainOrTransport().IsMatch(source);

    private static string? SideOf(string path)
    {
        var top = path.Split('/')[0];
        return ApplianceSide.Contains(top) ? "appliance" : top == CloudSide ? "cloud" : null;
    }

    [GeneratedRegex(@"\binterface\s+IOrderGrain\b|\bclass\s+OrderGrain\b|\bclass\s+PrinterConnection\b|^\s*namespace\s+[\w.]*\.Printing\.Transport\b", RegexOptions.Multiline)]
    private static partial Regex OrderGrainOrTransport();
}
