using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Pos.Client.Http;
using Pos.Client.Outbox;
using Pos.Client.Staff;
using Pos.Contracts.Orders;
using Pos.Contracts.Staff;
using Pos.Contracts.Sync;

namespace Pos.Client;

/// <summary>An answer of the appliance: the value, or the problem it answered (status 0, code <c>unreachable</c>: no answer).</summary>
public sealed record ApplianceAnswer<T>(T? Value, ApplianceProblem? Problem)
{
    public const string Unreachable = "unreachable";

    public bool Ok => Problem is null;
}

/// <summary>People on this device: signing in and out with a PIN, and a command sent again with a manager's approval.</summary>
public sealed partial class StoreDevice
{
    /// <summary>The header a manager's approval (their PIN) travels in.</summary>
    public const string ApprovalHeader = "Pos-Approval";

    /// <summary>Who is signed in on this device, and the sessions still sending what they left waiting.</summary>
    public StaffSessions Staff { get; }

    /// <summary>Signs a person in with their PIN (sent with the device's own token); they are then <see cref="StaffSessions.Current"/>.</summary>
    public async Task<ApplianceAnswer<StaffSignIn>> SignInAsync(string pin, CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/v1/staff-sessions")
        {
            Content = JsonContent.Create(new StartStaffSessionRequest(pin), WireJson.Info<StartStaffSessionRequest>()),
        }, sessionToken: null, WireJson.Info<StaffSessionStarted>(), cancellationToken);
        if (answer.Value is not { } started)
        {
            return new(null, answer.Problem);
        }
        var person = new StaffSignIn(started.EmployeeId, started.Name, started.Role, started.SessionToken, started.ExpiresAt, started.ClockedInAt);
        await Staff.SignedInAsync(person, cancellationToken);
        await EndLeavingSessionsAsync(cancellationToken);
        return new(person, null);
    }

    /// <summary>
    /// Signs the person out here at once; their session ends on the appliance as soon as nothing of theirs waits in the
    /// outbox (at once when nothing does), so what they queued offline is still sent as theirs.
    /// </summary>
    public async Task SignOutAsync(CancellationToken cancellationToken = default)
    {
        await Staff.SignOutAsync(cancellationToken);
        await EndLeavingSessionsAsync(cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="call"/> as the person signed in (their session's token; the device's when nobody is): a
    /// session the appliance refuses (401) is forgotten, which sends the screens back to the PIN pad, and the call is
    /// answered as the device's.
    /// </summary>
    public Task<ApplianceAnswer<T>> SendAsPersonAsync<T>(
        Func<HttpRequestMessage> call, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>? answer, CancellationToken cancellationToken = default) =>
        SendAsync(call, Staff.Current?.SessionToken, answer, cancellationToken);

    /// <summary>
    /// Sends a command the appliance refused for want of a manager's approval again, on its own route, with the
    /// manager's PIN in <see cref="ApprovalHeader"/>, as the person signed in (or the one who queued it, or the
    /// device). The order it answers is kept in the local copy.
    /// </summary>
    public async Task<ApplianceAnswer<OrderView>> SendWithApprovalAsync(QueuedCommand command, string approverPin, CancellationToken cancellationToken = default)
    {
        var route = RouteOf(command);
        var session = Staff.Current?.SessionToken ?? (command.EmployeeId is { } by ? Staff.TokenFor(by) : null);
        var answer = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, route.Path)
            {
                Content = new StringContent(route.Body.GetRawText(), System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(ApprovalHeader, approverPin);
            // Each try its own key: a refused PIN is not the answer to the next try.
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            if (command.ExpectedVersion is { } version)
            {
                request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
            }
            return request;
        }, session, WireJson.Info<OrderView>(), cancellationToken);
        if (answer.Value is { } order)
        {
            await Local.TakeAsync(order, cancellationToken);
        }
        return answer;
    }

    /// <summary>Ends on the appliance the sessions of people who signed out here once nothing of theirs waits; best effort.</summary>
    public async Task EndLeavingSessionsAsync(CancellationToken cancellationToken = default)
    {
        var waiting = Outbox.Pending.Select(c => c.EmployeeId).ToHashSet(StringComparer.Ordinal);
        foreach (var leaving in Staff.Leaving)
        {
            if (waiting.Contains(leaving.EmployeeId) && Staff.Current?.EmployeeId != leaving.EmployeeId)
            {
                continue; // their commands still go with this session
            }
            using var request = new HttpRequestMessage(HttpMethod.Delete, "api/v1/staff-sessions/current");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", leaving.SessionToken);
            try
            {
                using var response = await Api.Http.SendAsync(request, cancellationToken);
                // 204, or 401/404: the session is over either way. A busy or failing appliance is asked again later.
                if (response.IsSuccessStatusCode || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound)
                {
                    await Staff.ForgetAsync(leaving.SessionToken, cancellationToken);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return; // not reachable: the next settled command tries again
            }
        }
    }

    private async Task<ApplianceAnswer<T>> SendAsync<T>(
        Func<HttpRequestMessage> call, string? sessionToken, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>? answer, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendOnceAsync(call, sessionToken, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && sessionToken is not null)
            {
                // The session ended (expired, ended elsewhere): forgotten, and the call is the device's.
                await Staff.RefusedAsync(sessionToken, cancellationToken);
                using var again = await SendOnceAsync(call, null, cancellationToken);
                return await ReadAsync(again, answer, cancellationToken);
            }
            return await ReadAsync(response, answer, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new(default, new ApplianceProblem(0, ApplianceAnswer<T>.Unreachable,
                "The appliance cannot be reached: check that the phone is on the store's Wi-Fi, then try again."));
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> call, string? sessionToken, CancellationToken cancellationToken)
    {
        var request = call();
        if (sessionToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sessionToken);
        }
        return Api.Http.SendAsync(request, cancellationToken);
    }

    private async Task<ApplianceAnswer<T>> ReadAsync<T>(
        HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>? answer, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return new(default, await ApplianceProblem.ReadAsync(response, _time, cancellationToken));
        }
        if (answer is null || response.StatusCode == HttpStatusCode.NoContent)
        {
            return new(default, null);
        }
        try
        {
            return new(await response.Content.ReadFromJsonAsync(answer, cancellationToken), null);
        }
        catch (JsonException e)
        {
            return new(default, new ApplianceProblem((int)response.StatusCode, "unreadable", $"The appliance's answer could not be read ({e.Message})."));
        }
    }

    /// <summary>The single route a queued command mirrors, and its body.</summary>
    private static (string Path, JsonElement Body) RouteOf(QueuedCommand command)
    {
        var order = $"api/v1/orders/{command.OrderId}";
        var empty = JsonSerializer.SerializeToElement(new Dictionary<string, string>(), WireJson.Info<Dictionary<string, string>>());
        var payload = command.Payload ?? empty;
        return command.Type switch
        {
            DeviceCommands.OpenOrder => ("api/v1/orders", payload),
            DeviceCommands.AddLine => ($"{order}/lines", payload),
            DeviceCommands.VoidLine when payload.Deserialize(WireJson.Info<VoidLinePayload>()) is { } v =>
                ($"{order}/lines/{v.LineId}/void", JsonSerializer.SerializeToElement(new VoidLineRequest(v.Reason), WireJson.Info<VoidLineRequest>())),
            DeviceCommands.Fire => ($"{order}/fire", payload),
            DeviceCommands.AddPayment => ($"{order}/payments", payload),
            DeviceCommands.Discounts => ($"{order}/discounts", payload),
            DeviceCommands.Refunds => ($"{order}/refunds", payload),
            DeviceCommands.Tip when payload.Deserialize(WireJson.Info<TipPayload>()) is { } t =>
                ($"{order}/payments/{t.PaymentId}/tip", JsonSerializer.SerializeToElement(new AdjustTipRequest(t.TipMinor), WireJson.Info<AdjustTipRequest>())),
            DeviceCommands.Close => ($"{order}/close", empty),
            DeviceCommands.PrintCheck => ($"{order}/print-check", payload),
            DeviceCommands.PrintReceipt => ($"{order}/print-receipt", payload),
            DeviceCommands.MoveLines => ($"{order}/move-lines", payload),
            DeviceCommands.Merge => ($"{order}/merge", payload),
            DeviceCommands.Split => ($"{order}/split", payload),
            DeviceCommands.Transfer => ($"{order}/transfer", payload),
            DeviceCommands.CarryOver => ($"{order}/carry-over", payload),
            DeviceCommands.CloseWithReason => ($"{order}/close-with-reason", payload),
            _ => throw new ArgumentException($"No route for a '{command.Type}' command.", nameof(command)),
        };
    }
}
