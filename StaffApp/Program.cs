using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.JSInterop;
using Pos.StaffApp;
using Pos.StaffApp.Device;
using Pos.StaffApp.Pairing;
using Pos.StaffApp.Shell;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// The appliance that served the app is the one it talks to.
var appliance = new Uri(builder.HostEnvironment.BaseAddress);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<DeviceToken>();
builder.Services.AddScoped(sp => new HttpClient(new DeviceTokenHandler(
    sp.GetRequiredService<DeviceToken>(), () => sp.GetRequiredService<DeviceSession>().Device?.Staff)) { BaseAddress = appliance });
builder.Services.AddSingleton(sp => new DeviceSession(
    sp.GetRequiredService<IJSRuntime>(), sp.GetRequiredService<DeviceToken>(), appliance, sp.GetRequiredService<TimeProvider>(),
    sp.GetRequiredService<ILogger<DeviceSession>>()));
builder.Services.AddSingleton<StoreStatus>();

await builder.Build().RunAsync();
