using System.Text.Json;

namespace Pos.Contracts.Journal;

/// <summary>
/// One family of events (an order's, the printing ones): the type name each is stored under in the journal
/// (its class name), and its JSON.
/// </summary>
public sealed class EventTypes<TBase>
    where TBase : class
{
    private readonly string _family;
    private readonly Dictionary<string, Type> _byName;

    public EventTypes(string family, params Type[] types)
    {
        if (types.FirstOrDefault(t => !t.IsAssignableTo(typeof(TBase))) is { } stranger)
        {
            throw new ArgumentException($"{stranger.Name} is not a {typeof(TBase).Name}.", nameof(types));
        }
        _family = family;
        _byName = types.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public bool Contains(string type) => _byName.ContainsKey(type);

    public NewEvent ToNew(TBase e) =>
        new(Guid.CreateVersion7(), e.GetType().Name, JsonSerializer.Serialize(e, e.GetType(), EventJson.Options));

    public TBase FromJournal(string type, string data)
    {
        if (!_byName.TryGetValue(type, out var clr))
        {
            throw new InvalidOperationException($"'{type}' is not {_family} event.");
        }
        return (TBase)(JsonSerializer.Deserialize(data, clr, EventJson.Options)
            ?? throw new InvalidOperationException($"Empty {type} event."));
    }
}
