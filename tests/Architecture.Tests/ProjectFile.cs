using System.Reflection;
using System.Xml.Linq;

namespace Pos.Architecture.Tests;

/// <summary>
/// One project file as written: its path relative to the repository (with '/'), the projects it references and the
/// source files it compiles from elsewhere, read from the XML itself (no MSBuild evaluation, so nothing is hidden by
/// a condition or an import), and the C# files in its folder.
/// </summary>
public sealed record ProjectFile(string Path, IReadOnlyList<string> References, IReadOnlyList<LinkedSource> Linked,
    IReadOnlyList<string> Packages, IReadOnlyList<string> Frameworks, IReadOnlyList<string> Sources)
{
    /// <summary>The folder the project lives in, e.g. <c>Cloud</c> or <c>tools/Hosting</c>.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(Path)!.Replace('\\', '/');

    /// <summary>The repository's top-level folder the project belongs to, e.g. <c>Cloud</c>, <c>tools</c>, <c>tests</c>.</summary>
    public string Top => Path.Split('/')[0];

    public static ProjectFile Parse(string path, string xml, IReadOnlyList<string> sources)
    {
        var doc = XDocument.Parse(xml);
        var folder = System.IO.Path.GetDirectoryName(path)!;
        var items = doc.Descendants().Where(e => e.Parent?.Name.LocalName == "ItemGroup").ToList();
        IEnumerable<string> Includes(string kind) => items.Where(e => e.Name.LocalName == kind)
            .Select(e => (string?)e.Attribute("Include") ?? "");
        var references = Includes("ProjectReference").Select(r => Normalize(folder, r)).ToList();
        var linked = items.Where(e => e.Name.LocalName is "Compile" or "None" or "Content" or "EmbeddedResource")
            .Where(e => e.Attribute("Include") is not null)
            .SelectMany(e => ((string)e.Attribute("Include")!).Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(include => new LinkedSource(e.Name.LocalName, Normalize(folder, include.Trim()),
                    e.Attribute("Link") is not null || e.Attribute("LinkBase") is not null)))
            .Where(l => l.IsLink || !l.Path.StartsWith(folder.Replace('\\', '/') + "/", StringComparison.Ordinal))
            .ToList();
        return new ProjectFile(path.Replace('\\', '/'), references, linked, [.. Includes("PackageReference")],
            [.. Includes("FrameworkReference")], sources);
    }

    /// <summary>A path written relative to <paramref name="folder"/>, as a path relative to the repository with '/'.</summary>
    public static string Normalize(string folder, string include)
    {
        var parts = new List<string>();
        foreach (var part in System.IO.Path.Combine(folder, include.Replace('\\', '/')).Replace('\\', '/').Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else
                {
                    parts.Add(part);
                }
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }
        return string.Join('/', parts);
    }

    /// <summary>Every project file of the repository, build output and local data left out.</summary>
    public static IReadOnlyList<ProjectFile> All(string root) =>
        [.. Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Where(p => !p.Split('/').Any(part => part is "bin" or "obj" or "node_modules" || part.StartsWith('.')))
            .Order(StringComparer.Ordinal)
            .Select(p => Parse(p, File.ReadAllText(System.IO.Path.Combine(root, p)), SourcesOf(root, p)))];

    private static List<string> SourcesOf(string root, string project)
    {
        var folder = System.IO.Path.Combine(root, System.IO.Path.GetDirectoryName(project)!);
        return [.. Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !System.IO.Path.GetRelativePath(folder, f).Replace('\\', '/').Split('/').Any(part => part is "bin" or "obj"))
            .Select(File.ReadAllText)];
    }

    /// <summary>The repository the tests were built from (recorded at build time).</summary>
    public static string RepositoryRoot() =>
        typeof(ProjectFile).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
}

/// <summary>A file a project takes from a path it names: <paramref name="IsLink"/> when it says Link or LinkBase.</summary>
public sealed record LinkedSource(string Kind, string Path, bool IsLink);
