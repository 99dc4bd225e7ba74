using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>Runs axe-core on the page as it is now and fails on any violation of serious or critical impact.</summary>
public static class Axe
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, "axe found serious or critical violations:\n" + string.Join("\n", serious.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }
}
