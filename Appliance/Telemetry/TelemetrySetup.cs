using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Pos.Api.Telemetry;

namespace Pos.Appliance.Telemetry;

/// <summary>OpenTelemetry for ASP.NET Core, Npgsql, Orleans and our own sources; OTLP only when configured.</summary>
public static class TelemetrySetup
{
    public static IServiceCollection AddPosTelemetry(this IServiceCollection services, string serviceName)
    {
        services.AddSingleton<StoreMetrics>();
        var otlp = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t =>
            {
                // Spans cost CPU on every request; record them only when something will receive them.
                t.SetSampler(otlp ? new ParentBasedSampler(new AlwaysOnSampler()) : new AlwaysOffSampler())
                    .AddAspNetCoreInstrumentation()
                    .AddNpgsql()
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                    .AddSource(ApiTelemetry.Name, ApplianceTelemetry.Name);
                if (otlp)
                {
                    t.AddOtlpExporter();
                }
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Npgsql", "Microsoft.Orleans", "Polly") // Polly: the printers' and the cloud client's retries
                    .AddMeter(ApiTelemetry.Name, ApplianceTelemetry.Name, Pos.Grains.Printing.PrintingTelemetry.Name);
                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
        return services;
    }
}
