using System.Text.RegularExpressions;
using Pos.StaffApp.Staff;
using Pos.StaffApp.Tests.Browser;

namespace Pos.StaffApp.Tests.Screens;

/// <summary>The staff app offers a manager's approval exactly where the appliance's permission table says one helps.</summary>
public sealed partial class ApprovalsTableTests
{
    [Fact]
    public void The_app_s_approvals_are_the_needs_approval_cells_of_the_permission_table_in_SECURITY_md()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "SECURITY.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("### Permissions by role", StringComparison.Ordinal));
        var header = lines.Skip(start).First(l => l.StartsWith("| permission", StringComparison.Ordinal));
        var roles = header.Split('|', StringSplitOptions.TrimEntries)[3..^1];
        var fromDoc = new HashSet<(string, string)>();
        foreach (var line in lines.Skip(start).SkipWhile(l => l != header).Skip(2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries)[1..^1];
            var permission = Permission().Match(cells[0]).Groups[1].Value;
            for (var i = 0; i < roles.Length; i++)
            {
                if (cells[i + 2] == "needs approval")
                {
                    fromDoc.Add((permission, roles[i]));
                }
            }
        }

        Assert.NotEmpty(fromDoc);
        Assert.Equal(fromDoc.Order(), Approvals.All.ToHashSet().Order());
        Assert.True(Approvals.Possible("server", "lines.void-fired"));
        Assert.False(Approvals.Possible("kitchen", "lines.void-fired"));
        Assert.False(Approvals.Possible("manager", "lines.void-fired"));
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Permission();
}
