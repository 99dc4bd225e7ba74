using Xunit.Abstractions;

namespace Pos.StaffApp.Tests.Browser;

/// <summary>What a phone downloads the first time it opens the app, as chromium received it.</summary>
[Collection(StaffAppCollection.Name)]
public sealed class FirstLoadTests(StaffAppRig rig, ITestOutputHelper output)
{
    private const long Budget = 3_000_000;

    [Fact]
    public async Task The_first_load_is_sent_compressed_and_stays_under_three_megabytes()
    {
        await using var phone = await rig.NewPhoneAsync();

        await phone.Page.GotoAsync("/");
        await phone.Page.GetByText("This phone is not paired with the appliance yet.").WaitForAsync();

        var responses = phone.Responses.ToList();
        long transferred = 0;
        foreach (var response in responses)
        {
            var sizes = await response.Request.SizesAsync();
            transferred += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
        }
        var framework = responses.Where(r => r.Url.Contains("/_framework/", StringComparison.Ordinal) && r.Url.EndsWith(".wasm", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(framework);
        foreach (var response in framework)
        {
            Assert.Equal("br", await response.HeaderValueAsync("content-encoding"));
        }
        output.WriteLine($"first load: {responses.Count} responses, {transferred:N0} bytes transferred");
        Assert.InRange(transferred, 1, Budget);
    }
}
