using System.Net;
using System.Net.Http.Headers;
using Pos.Client.Staff;

namespace Pos.StaffApp.Pairing;

/// <summary>
/// Puts this phone's identity on every request of the app's own calls (the manager screen, the shift, the drawer): the
/// staff session of the person signed in when there is one, else the device token. A session the appliance refuses
/// (401: it expired or was ended elsewhere) is forgotten, which sends the screens back to the PIN pad, and the request
/// is sent again as the device's, so a 401 that reaches a screen means the phone itself is not known.
/// </summary>
public sealed class DeviceTokenHandler : DelegatingHandler
{
    private readonly DeviceToken _token;
    private readonly Func<StaffSessions?> _staff;

    public DeviceTokenHandler(DeviceToken token, Func<StaffSessions?> staff)
    {
        _token = token;
        _staff = staff;
        InnerHandler = new HttpClientHandler();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is not null)
        {
            return await base.SendAsync(request, cancellationToken); // the caller chose (a sign-out of a given session)
        }
        var staff = _staff();
        if (staff?.Current is { } person)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", person.SessionToken);
            var answer = await base.SendAsync(request, cancellationToken);
            if (answer.StatusCode != HttpStatusCode.Unauthorized)
            {
                return answer;
            }
            answer.Dispose();
            await staff.RefusedAsync(person.SessionToken, cancellationToken);
        }
        request.Headers.Authorization = await _token.GetAsync() is { } token ? new AuthenticationHeaderValue("Bearer", token) : null;
        return await base.SendAsync(request, cancellationToken);
    }
}
