using System.Text.Json;
using System.Text.Json.Serialization;
using Pos.Client.Outbox;
using Pos.Client.Storage;

namespace Pos.Client;

/// <summary>The JSON of what the client keeps, generated at build time (no reflection: it runs in the browser too).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LogLine))]
[JsonSerializable(typeof(QueuedCommand))]
[JsonSerializable(typeof(List<QueuedCommand>))]
internal sealed partial class ClientJson : JsonSerializerContext;
