using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Pos.Contracts.Sync;
using Pos.Tools;

namespace Pos.Cloud.Tests;

/// <summary>Failed authentication on the HQ and store routes is limited per client address, like the appliance's.</summary>
public sealed class FailedAuthenticationTests : CloudTest
{
    [Fact]
    public async Task After_twenty_failures_an_address_gets_429_for_hq_and_store_routes_while_other_addresses_are_served()
    {
        var store = await TestStore.RegisterAsync(Cloud, Hq, "downtown");
        store.Append("menu", "MenuReplaced", "{}", null);

        // Wrong HQ tokens and wrong signatures from one address count together.
        using var guesser = LoopbackAddress.NewClient("127.0.0.2", Cloud.BaseAddress, "not-the-hq-token-but-long-enough-to-be-one");
        using var forger = LoopbackAddress.NewClient("127.0.0.2", Cloud.BaseAddress);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/cloud/v1/stores")).StatusCode);
            using var forged = await PostBatchAsync(forger, store, new byte[32]);
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        using var limited = await guesser.GetAsync("/cloud/v1/stores");
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("too-many-failed-attempts", JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        // A wrong signature from that address is 429 too; the right one, and the HQ token, are served (a store and HQ
        // behind the guesser's address keep working).
        using (var forged = await PostBatchAsync(forger, store, new byte[32]))
        {
            Assert.Equal((HttpStatusCode)429, forged.StatusCode);
            Assert.NotNull(forged.Headers.RetryAfter?.Delta);
        }
        using (var signed = await PostBatchAsync(forger, store, store.Secret))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }
        using var sameAddressHq = LoopbackAddress.NewClient("127.0.0.2", Cloud.BaseAddress, CloudFactory.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await sameAddressHq.GetAsync("/cloud/v1/stores")).StatusCode);
        Assert.Equal((HttpStatusCode)429, (await guesser.GetAsync("/cloud/v1/stores")).StatusCode);

        // Another address: HQ and the store are served as ever.
        using var hq = LoopbackAddress.NewClient("127.0.0.3", Cloud.BaseAddress, CloudFactory.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await hq.GetAsync("/cloud/v1/stores")).StatusCode);
        using var otherStore = LoopbackAddress.NewClient("127.0.0.3", Cloud.BaseAddress);
        using var accepted = await PostBatchAsync(otherStore, store, store.Secret);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using var typo = LoopbackAddress.NewClient("127.0.0.3", Cloud.BaseAddress, "not-the-hq-token-but-long-enough-to-be-one");
        Assert.Equal(HttpStatusCode.Unauthorized, (await typo.GetAsync("/cloud/v1/stores")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostBatchAsync(HttpClient client, TestStore store, byte[] secret)
    {
        var body = JournalBatch.Write(store.Journal, store.HeadSeq);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/cloud/v1/stores/{store.StoreId}/journal") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(BatchSignature.Header, BatchSignature.Sign(secret, DateTimeOffset.UtcNow, body));
        return await client.SendAsync(request);
    }
}
