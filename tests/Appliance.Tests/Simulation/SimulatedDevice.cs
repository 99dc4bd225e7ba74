using Pos.Client.Http;
using Pos.Client.Outbox;
using Pos.Client.Storage;

namespace Pos.Appliance.Tests.Simulation;

/// <summary>
/// A device of the simulation: its own token and connection, a second connection through the proxy that loses
/// answers, and the client library's outbox on a file store of its own, through which its offline queues are sent
/// (as a terminal or the staff app sends them).
/// </summary>
public sealed class SimulatedDevice : IDisposable
{
    private readonly FileClientStore _store;
    private readonly string _folder;

    private SimulatedDevice(
        string id, string role, HttpClient direct, HttpClient lossy, string folder, FileClientStore store, SwitchingTransport transport,
        CommandOutbox outbox)
    {
        _folder = folder;
        Id = id;
        Role = role;
        Direct = direct;
        Lossy = lossy;
        _store = store;
        Transport = transport;
        Outbox = outbox;
    }

    public string Id { get; }

    /// <summary>server, or manager (a manager makes pairing codes too).</summary>
    public string Role { get; }

    public HttpClient Direct { get; }
    public HttpClient Lossy { get; }
    public CommandOutbox Outbox { get; }

    /// <summary>Whether the outbox's next sends go through the proxy that loses answers.</summary>
    public SwitchingTransport Transport { get; }

    /// <summary>Set once the admin revoked it: its token is refused from then on, and a paired device takes its place.</summary>
    public bool Revoked { get; set; }

    public static async Task<SimulatedDevice> OpenAsync(string id, string role, HttpClient direct, HttpClient lossy)
    {
        var folder = Directory.CreateTempSubdirectory($"pos-{id}-").FullName;
        var store = new FileClientStore(folder);
        var transport = new SwitchingTransport(new HttpCommandTransport(direct, id), new HttpCommandTransport(lossy, id));
        var outbox = new CommandOutbox(store, transport);
        await outbox.LoadAsync();
        return new SimulatedDevice(id, role, direct, lossy, folder, store, transport, outbox);
    }

    public void Dispose()
    {
        Direct.Dispose();
        Lossy.Dispose();
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>The outbox's way to the appliance: straight, or through the proxy that loses answers.</summary>
public sealed class SwitchingTransport(ICommandTransport direct, ICommandTransport lossy) : ICommandTransport
{
    public ICommandTransport Direct { get; } = direct;
    public bool LoseAnswers { get; set; }

    public Task<BatchAttempt> SendAsync(IReadOnlyList<QueuedCommand> commands, CancellationToken cancellationToken) =>
        (LoseAnswers ? lossy : Direct).SendAsync(commands, cancellationToken);
}
