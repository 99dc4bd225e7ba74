using System.Buffers;
using Pos.Contracts.Sync;

namespace Pos.Cloud.Stores;

/// <summary>
/// The keys a store's signatures are checked with: its current secret, and the one it had before the last rotation
/// while that one's grace lasts (<see cref="PreviousValidUntil"/>, exclusive).
/// </summary>
public sealed record StoreKeys(byte[] Current, byte[]? Previous, DateTimeOffset? PreviousValidUntil)
{
    /// <summary>The previous secret if it is still accepted at <paramref name="now"/>.</summary>
    public byte[]? PreviousAt(DateTimeOffset now) => Previous is not null && now < PreviousValidUntil ? Previous : null;

    /// <summary>Whether the signature matches <paramref name="body"/> under the previous secret (still in its grace).</summary>
    public bool PreviousMatches(BatchSignature.Signature signature, ReadOnlySequence<byte> body, DateTimeOffset now)
    {
        return PreviousAt(now) is { } previous && MacMatches(previous, signature, body);
    }

    private static bool MacMatches(byte[] secret, BatchSignature.Signature signature, ReadOnlySequence<byte> body)
    {
        using var mac = BatchSignature.Start(secret, signature.Timestamp);
        foreach (var segment in body)
        {
            mac.AppendData(segment.Span);
        }
        return BatchSignature.Matches(signature, mac.GetHashAndReset());
    }

    /// <summary>Whether the signature matches <paramref name="body"/> under any secret accepted at <paramref name="now"/>.</summary>
    public bool Matches(BatchSignature.Signature signature, ReadOnlySequence<byte> body, DateTimeOffset now) =>
        MacMatches(Current, signature, body) || PreviousMatches(signature, body, now);

    /// <summary>Null when the header is right for <paramref name="body"/> under any accepted secret; otherwise why not.</summary>
    public string? Verify(string? header, DateTimeOffset now, ReadOnlySpan<byte> body)
    {
        var refusal = BatchSignature.Verify(header, Current, now, body);
        return refusal is not null && PreviousAt(now) is { } previous ? BatchSignature.Verify(header, previous, now, body) : refusal;
    }

    /// <summary>Whether both hold the same secrets with the same grace.</summary>
    public bool SameAs(StoreKeys other) =>
        Current.AsSpan().SequenceEqual(other.Current)
        && (Previous ?? []).AsSpan().SequenceEqual(other.Previous ?? [])
        && PreviousValidUntil == other.PreviousValidUntil;
}
