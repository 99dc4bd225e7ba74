using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Pos.Contracts.Journal;
using Pos.Contracts.Problems;

namespace Pos.Cloud.Hosting;

/// <summary>
/// An HQ request's Idempotency-Key (any string of 1 to 255 characters, as on the appliance) with what makes the request
/// itself: its route and a hash of its body and preconditions.
/// </summary>
public sealed record HqRequestKey(string Key, string Route, byte[] Hash);

/// <summary>What the key's row says: the request may go ahead, it was answered before, or the key was another request's.</summary>
public enum KeyClaim
{
    Claimed,
    Answered,
    Reused,
}

/// <summary>
/// Keys HQ's POSTs that each make something new (migration 0012): the key is claimed in the request's own transaction
/// before its work and its answer recorded there before the commit, so the effect and the key commit together. A second
/// copy sent meanwhile waits on the key's row (PostgreSQL holds the insert of a key another transaction inserted until
/// that one ends) and then gets the first copy's answer; a copy whose first failed (rolled back) does the work itself.
/// </summary>
public static class HqRequestKeys
{
    public const string Header = "Idempotency-Key";

    /// <summary>The request's key, if it sent one; false with a problem when the header is not a key.</summary>
    public static bool TryRead(HttpRequest request, string route, object? body, string? precondition, out HqRequestKey? key, out IResult? problem)
    {
        key = null;
        problem = null;
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return true;
        }
        if (values.Count != 1 || values[0] is not { Length: >= 1 and <= 255 } text || text.Any(char.IsControl))
        {
            problem = CloudProblems.Of(400, ErrorCodes.ValidationFailed, "The Idempotency-Key is not one",
                "Idempotency-Key, when sent, is one string of 1 to 255 characters without control characters.",
                new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Header] = ["1 to 255 characters, once"] } });
            return false;
        }
        var what = $"{route}\n{EventJson.Serialize(body)}\n{precondition}";
        key = new HqRequestKey(text, route, SHA256.HashData(Encoding.UTF8.GetBytes(what)));
        return true;
    }

    /// <summary>Claims the key in <paramref name="tx"/>; when it was claimed before (and committed), its answer.</summary>
    public static async Task<(KeyClaim Claim, int Status, string? Answer)> ClaimAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, HqRequestKey key, CancellationToken cancellationToken)
    {
        await using (var claim = new NpgsqlCommand("""
            insert into hq_request_keys (idempotency_key, route, request_hash, status, answer)
            values ($1, $2, $3, 0, '') on conflict (idempotency_key) do nothing
            """, conn, tx))
        {
            claim.Parameters.AddWithValue(key.Key);
            claim.Parameters.AddWithValue(key.Route);
            claim.Parameters.AddWithValue(key.Hash);
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return (KeyClaim.Claimed, 0, null);
            }
        }
        await using var read = new NpgsqlCommand(
            "select route, request_hash, status, answer from hq_request_keys where idempotency_key = $1", conn, tx);
        read.Parameters.AddWithValue(key.Key);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetString(0) == key.Route && reader.GetFieldValue<byte[]>(1).AsSpan().SequenceEqual(key.Hash)
            ? (KeyClaim.Answered, reader.GetInt32(2), reader.GetString(3))
            : (KeyClaim.Reused, 0, null);
    }

    /// <summary>Records the answer of the request that claimed <paramref name="key"/>, in its transaction.</summary>
    public static async Task RecordAsync(NpgsqlConnection conn, NpgsqlTransaction tx, HqRequestKey key, int status, string answer, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("update hq_request_keys set status = $2, answer = $3 where idempotency_key = $1", conn, tx);
        cmd.Parameters.AddWithValue(key.Key);
        cmd.Parameters.AddWithValue(status);
        cmd.Parameters.AddWithValue(answer);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The answer of a request sent again with its key: the first one's, as it was.</summary>
    public static IResult Replay(int status, string answer) =>
        Results.Text(answer, "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>The key was sent with another request before.</summary>
    public static IResult Reused() =>
        CloudProblems.Of(422, ErrorCodes.IdempotencyKeyReused, "The Idempotency-Key was used for another request",
            "This Idempotency-Key was sent before with another route, body or If-Match; use a new key for a new request.");
}
