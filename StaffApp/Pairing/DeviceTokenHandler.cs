using System.Net.Http.Headers;

namespace Pos.StaffApp.Pairing;

/// <summary>Puts this phone's device token on every request to the appliance, when the phone has one.</summary>
public sealed class DeviceTokenHandler : DelegatingHandler
{
    private readonly DeviceToken _token;

    public DeviceTokenHandler(DeviceToken token)
    {
        _token = token;
        InnerHandler = new HttpClientHandler();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (await _token.GetAsync() is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
