using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Pos.StaffApp;
using Pos.StaffApp.Floor;
using Pos.StaffApp.Pairing;
using Pos.StaffApp.Shell;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<DeviceToken>();
builder.Services.AddScoped(sp => new HttpClient(new DeviceTokenHandler(sp.GetRequiredService<DeviceToken>()))
{
    // The appliance that served the app is the one it talks to.
    BaseAddress = new Uri(builder.HostEnvironment.BaseAddress),
});
builder.Services.AddScoped<OpenOrders>();
builder.Services.AddScoped<StoreStatus>();

await builder.Build().RunAsync();
