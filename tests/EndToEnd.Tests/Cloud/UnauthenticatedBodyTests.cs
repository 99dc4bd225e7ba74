using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Tests.Shared;
using Xunit.Abstractions;
using Pos.Tools;

namespace Pos.EndToEnd.Tests.Cloud;

/// <summary>
/// Bodies nobody authenticated cannot grow a cloud silo's memory: it looks at the store and the signature header before
/// reading, never reads past its limit, and reads a few at once. Measured on a real silo process (its resident set).
/// </summary>
public sealed class UnauthenticatedBodyTests(ITestOutputHelper output)
{
    private const int BodyBytes = 15 * 1024 * 1024;
    private const long Allowance = 50L * 1024 * 1024;

    [Fact]
    public async Task Twenty_unauthenticated_15_MB_bodies_leave_the_silos_memory_within_50_MB_of_where_it_started()
    {
        var db = await TestPostgres.CreateDatabaseAsync("e2emem");
        var dataDir = Directory.CreateTempSubdirectory("pos-e2e-cloud-memory-").FullName;
        await using var cloud = await CloudProcess.StartAsync(db, dataDir);
        using var hq = cloud.NewClient();
        await Poll.UntilAsync(() => hq.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the silo to be ready");
        using var created = await hq.PutAsJsonAsync("/cloud/v1/stores/memory", new { name = "Memory", timeZone = "UTC" });
        created.EnsureSuccessStatusCode();
        var secret = Convert.FromBase64String((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!);

        // Warm up the paths the burst takes (and a real batch), so what is measured is the burst, not the first requests.
        await BurstAsync(cloud, secret, bodyBytes: 256 * 1024, firstAddress: 20);
        Assert.Equal(HttpStatusCode.OK, await SignedBatchAsync(cloud, secret));
        var before = Rss(cloud.Pid);

        using var sampling = new CancellationTokenSource();
        var peak = Task.Run(async () =>
        {
            var highest = 0L;
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            while (!sampling.IsCancellationRequested)
            {
                highest = Math.Max(highest, Rss(cloud.Pid));
                try
                {
                    await tick.WaitForNextTickAsync(sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            return highest;
        });
        var started = Stopwatch.StartNew();
        var outcomes = await BurstAsync(cloud, secret, BodyBytes, firstAddress: 10);
        var burstTook = started.Elapsed;
        var after = await Poll.UntilAsync(() => Task.FromResult(Rss(cloud.Pid)), rss => rss <= before + Allowance,
            TimeSpan.FromSeconds(60), "the silo's memory to come back within 50 MB of where it started");
        var settledIn = started.Elapsed - burstTook;
        await sampling.CancelAsync();
        var highest = await peak;

        output.WriteLine($"resident set: {Mb(before)} before, {Mb(highest)} at most during the burst ({burstTook.TotalSeconds:F1} s), "
            + $"{Mb(after)} {settledIn.TotalSeconds:F1} s after it");
        output.WriteLine("answers: " + string.Join(", ", outcomes.GroupBy(o => o).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.True(after <= before + Allowance, $"{Mb(after)} after the burst, {Mb(before)} before");
        // Never more than a few bodies of at most 4 MiB in memory at once (reading them whole took 400 MB more).
        Assert.True(highest <= before + 2 * Allowance, $"{Mb(highest)} during the burst, {Mb(before)} before");
        // Refused before reading: the answers that arrived are refusals, and the silo still takes a store's batch.
        Assert.DoesNotContain(outcomes, o => o.StartsWith('2'));
        Assert.Equal(HttpStatusCode.OK, await SignedBatchAsync(cloud, secret));
        Assert.False(cloud.HasExited);
    }

    /// <summary>
    /// Twenty bodies at once from another address, none of them authenticated: five declared and from an unknown store,
    /// five chunked without a signature, five chunked and five declared for the known store, signed freshly with the wrong
    /// key. The answers (or why there was none: the silo closes the connection of a body it refuses unread). Each kind
    /// comes from an address of its own (127.0.0.<paramref name="firstAddress"/> on), so the limit on failed
    /// authentication does not answer for the silo.
    /// </summary>
    private static async Task<List<string>> BurstAsync(CloudProcess cloud, byte[] secret, int bodyBytes, int firstAddress)
    {
        var body = new byte[bodyBytes];
        body.AsSpan().Fill((byte)'{');
        var wrongKey = new byte[secret.Length];
        var requests = Enumerable.Range(0, 20).Select(i => (i / 5) switch
        {
            0 => Send(cloud, From(firstAddress), "nowhere", body, chunked: false, Sign(wrongKey, body)),
            1 => Send(cloud, From(firstAddress + 1), "memory", body, chunked: true, signature: null),
            2 => Send(cloud, From(firstAddress + 2), "memory", body, chunked: true, Sign(wrongKey, body)),
            _ => Send(cloud, From(firstAddress + 3), "memory", body, chunked: false, Sign(wrongKey, body)),
        });
        return [.. await Task.WhenAll(requests)];
    }

    private static string From(int last) => $"127.0.0.{last}";

    private static async Task<string> Send(CloudProcess cloud, string from, string storeId, byte[] body, bool chunked, string? signature)
    {
        using var client = LoopbackAddress.NewClient(from, cloud.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/cloud/v1/stores/{storeId}/journal") { Content = new Body(body, chunked) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Pos-Signature", signature);
        }
        try
        {
            using var response = await client.SendAsync(request);
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException e)
        {
            return $"closed ({e.HttpRequestError})";
        }
    }

    private static async Task<HttpStatusCode> SignedBatchAsync(CloudProcess cloud, byte[] secret)
    {
        var body = "{\"events\":[]}"u8.ToArray();
        using var client = cloud.NewStoreClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cloud/v1/stores/memory/journal") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Pos-Signature", Sign(secret, body));
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static string Sign(byte[] key, byte[] body)
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var mac = System.Security.Cryptography.IncrementalHash.CreateHMAC(System.Security.Cryptography.HashAlgorithmName.SHA256, key);
        mac.AppendData(System.Text.Encoding.ASCII.GetBytes(t + "."));
        mac.AppendData(body);
        return $"t={t},v1={Convert.ToHexStringLower(mac.GetHashAndReset())}";
    }

    /// <summary>The resident set of a process, from /proc.</summary>
    private static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS.");
    }

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):F0} MB";

    /// <summary>A body sent declared (Content-Length) or chunked, in 64 KiB writes.</summary>
    private sealed class Body(byte[] bytes, bool chunked) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var at = 0; at < bytes.Length; at += 64 * 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(at, Math.Min(64 * 1024, bytes.Length - at)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return !chunked;
        }
    }
}
