using System.Buffers;
using System.Security.Cryptography;

namespace Pos.Cloud.Stores;

/// <summary>
/// A batch's raw bytes, read at most up to a limit and fed to the signature's MAC as they arrive. The bytes sit in
/// 64 KiB chunks rented from the shared pool (below the large object heap), so a refused body leaves no large
/// array behind for a full garbage collection to find; the parser reads the chunks in place.
/// </summary>
public sealed class BatchBody : IDisposable
{
    private const int ChunkSize = 64 * 1024;

    private readonly List<byte[]> _chunks = [];
    private int _lastFill;

    private BatchBody()
    {
    }

    /// <summary>How many bytes the body has.</summary>
    public long Length { get; private set; }

    /// <summary>The bytes, in place.</summary>
    public ReadOnlySequence<byte> Bytes
    {
        get
        {
            if (_chunks.Count == 0)
            {
                return ReadOnlySequence<byte>.Empty;
            }
            if (_chunks.Count == 1)
            {
                return new ReadOnlySequence<byte>(_chunks[0], 0, _lastFill);
            }
            var first = new Segment(_chunks[0].AsMemory(0, ChunkSize), 0);
            var last = first;
            for (var i = 1; i < _chunks.Count; i++)
            {
                last = last.Append(_chunks[i].AsMemory(0, i == _chunks.Count - 1 ? _lastFill : ChunkSize));
            }
            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }

    /// <summary>
    /// Reads <paramref name="body"/> to its end into a new <see cref="BatchBody"/>, every byte also into
    /// <paramref name="mac"/>; null (and nothing kept) as soon as it holds more than <paramref name="maxBytes"/>.
    /// </summary>
    public static async Task<BatchBody?> ReadAsync(Stream body, IncrementalHash mac, int maxBytes, CancellationToken cancellationToken)
    {
        var read = new BatchBody();
        try
        {
            while (true)
            {
                if (read._chunks.Count == 0 || read._lastFill == ChunkSize)
                {
                    read._chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkSize));
                    read._lastFill = 0;
                }
                var chunk = read._chunks[^1];
                var n = await body.ReadAsync(chunk.AsMemory(read._lastFill, ChunkSize - read._lastFill), cancellationToken);
                if (n == 0)
                {
                    var whole = read;
                    read = null;
                    return whole;
                }
                mac.AppendData(chunk, read._lastFill, n);
                read._lastFill += n;
                read.Length += n;
                if (read.Length > maxBytes)
                {
                    return null;
                }
            }
        }
        finally
        {
            read?.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        _chunks.Clear();
        _lastFill = 0;
        Length = 0;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
