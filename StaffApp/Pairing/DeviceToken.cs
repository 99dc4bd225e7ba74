using Microsoft.JSInterop;

namespace Pos.StaffApp.Pairing;

/// <summary>
/// This phone's device token, kept in the browser's localStorage so it survives reloads and restarts of the phone,
/// and sent with every call to the appliance as a bearer token.
/// </summary>
public sealed class DeviceToken(IJSRuntime js)
{
    /// <summary>The localStorage key the token lives under.</summary>
    public const string StorageKey = "pos.deviceToken";

    private string? _token;
    private bool _read;

    /// <summary>The kept token, or null when this phone is not paired.</summary>
    public async ValueTask<string?> GetAsync()
    {
        if (!_read)
        {
            _token = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey);
            _read = true;
        }
        return string.IsNullOrWhiteSpace(_token) ? null : _token;
    }

    public async ValueTask SetAsync(string token)
    {
        await js.InvokeVoidAsync("localStorage.setItem", StorageKey, token);
        _token = token;
        _read = true;
    }

    public async ValueTask ForgetAsync()
    {
        await js.InvokeVoidAsync("localStorage.removeItem", StorageKey);
        _token = null;
        _read = true;
    }
}
