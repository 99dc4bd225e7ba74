using Pos.Contracts.Journal;
using Pos.Contracts.Menu;
using Pos.Grains.Commands;
using Pos.Grains.Journal;
using Pos.Grains.Menu;

namespace Pos.Appliance.Sync;

/// <summary>The store journal as the shipper reads it.</summary>
public sealed class JournalForSync(IJournal journal) : ISyncJournal
{
    public Task<JournalPage> ReadAfterAsync(long seq, int limit, CancellationToken cancellationToken) =>
        journal.ReadAsync(seq, limit, cancellationToken);
}

/// <summary>The store's menu grain as the puller replaces it, in the cloud's name.</summary>
public sealed class MenuGrainForSync(IGrainFactory grains) : IStoreMenu
{
    public async Task<(int? Version, string? Refusal)> ReplaceAsync(MenuDefinition menu, CancellationToken cancellationToken)
    {
        var result = await grains.GetGrain<IMenuGrain>(MenuGrainKey.Store).Replace(menu, new CommandContext(DeviceIds.Cloud));
        return (result.Menu?.Version, result.Error?.Detail);
    }
}
