using System.Text.Json;
using Microsoft.JSInterop;
using Pos.Client.Outbox;
using Pos.Client.Storage;

namespace Pos.StaffApp.Device;

/// <summary>
/// The phone's <see cref="IClientStore"/>: the outbox and the documents in the browser's IndexedDB, through our small
/// module <c>js/client-store.js</c>. Each call completes after its IndexedDB transaction completed, so a queued command
/// survives a reload, a crash of the tab or the phone switched off.
/// </summary>
public sealed class IndexedDbClientStore(IJSRuntime js) : IClientStore
{
    private IJSObjectReference? _module;

    public async Task<IReadOnlyList<QueuedCommand>> LoadOutboxAsync(CancellationToken cancellationToken = default)
    {
        var rows = await (await ModuleAsync()).InvokeAsync<string[]>("load", cancellationToken);
        return [.. rows.Select(r => JsonSerializer.Deserialize(r, StaffAppJson.Default.QueuedCommand)
            ?? throw new InvalidOperationException("The phone's outbox holds an empty command."))];
    }

    public async Task AppendAsync(IReadOnlyList<QueuedCommand> commands, CancellationToken cancellationToken = default) =>
        // Two arrays of strings: nothing for the trimmed app's interop to reflect over.
        await (await ModuleAsync()).InvokeVoidAsync("append", cancellationToken,
            commands.Select(c => c.CommandId).ToArray(),
            commands.Select(c => JsonSerializer.Serialize(c, StaffAppJson.Default.QueuedCommand)).ToArray());

    public async Task RemoveAsync(IReadOnlyCollection<string> commandIds, CancellationToken cancellationToken = default) =>
        await (await ModuleAsync()).InvokeVoidAsync("remove", cancellationToken, [commandIds.ToArray()]);

    public async Task<string?> ReadAsync(string name, CancellationToken cancellationToken = default) =>
        await (await ModuleAsync()).InvokeAsync<string?>("read", cancellationToken, name);

    public async Task WriteAsync(string name, string json, CancellationToken cancellationToken = default) =>
        await (await ModuleAsync()).InvokeVoidAsync("write", cancellationToken, name, json);

    /// <summary>Asks the browser to tell <paramref name="target"/> (<c>NetworkBack</c>) when the network returns.</summary>
    public async Task WatchNetworkAsync<T>(DotNetObjectReference<T> target) where T : class =>
        await (await ModuleAsync()).InvokeVoidAsync("onOnline", target);

    /// <summary>Completes once the browser painted the next frame (see <c>afterPaint</c> in the module).</summary>
    public async Task AfterPaintAsync() => await (await ModuleAsync()).InvokeVoidAsync("afterPaint");

    private async ValueTask<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/client-store.js");
}
