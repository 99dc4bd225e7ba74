using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.OpenApi;
using Pos.Api.Auth;
using Pos.Api.Cash;
using Pos.Api.Commands;
using Pos.Api.Devices;
using Pos.Api.Events;
using Pos.Api.Health;
using Pos.Api.Idempotency;
using Pos.Api.Journal;
using Pos.Api.Menu;
using Pos.Api.OpenApi;
using Pos.Api.Orders;
using Pos.Api.Printers;
using Pos.Api.Problems;
using Pos.Api.Reports;
using Pos.Api.Requests;
using Pos.Api.Staff;
using Pos.Api.Sync;
using Pos.Contracts.Problems;
using Pos.Contracts.Requests;
using Pos.Hosting.Access;
using Pos.Hosting.Requests;

namespace Pos.Api;

/// <summary>The appliance's HTTP surface: <c>AddPosApi</c> registers it, <c>UsePosApi</c> and <c>MapPosApi</c> serve it.</summary>
public static class PosApi
{
    public static IServiceCollection AddPosApi(this IServiceCollection services, Action<DeviceAuthenticationOptions> configureAuth)
    {
        // Problems the framework writes itself (an unknown route, a wrong method or media type) carry a code too.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemCatalog.AddCode);
        services.AddExceptionHandler<RequestProblemHandler>();
        services.ConfigureHttpJsonOptions(o => RequestJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddFailedAuthenticationLimit();
        // Transport limits: the host registers its own before this to change them (POS_BODY_LIMIT_KB, POS_WRITE_RATE...).
        services.TryAddSingleton(new RequestLimits());
        services.TryAddSingleton(new WriteRateOptions());
        services.AddWriteRateLimit();
        // The command pipeline: one gate for repeats (single routes and device batches) and the policy point.
        services.AddSingleton<RepeatGate>();
        services.AddSingleton<Telemetry.DeviceOutboxes>();
        // People: employees and sessions in memory (the appliance's staff book keeps them and their tables), PIN checks.
        services.TryAddSingleton(new PinLockout());
        services.AddSingleton(sp => new PinAttempts(sp.GetRequiredService<PinLockout>()));
        services.AddSingleton<StaffRoster>();
        services.AddSingleton<StaffSessionDirectory>();
        services.AddSingleton<PinCheck>();
        services.TryAddSingleton<IManagerApproval, PinApproval>();
        services.TryAddSingleton<IAdminTokenKeeper, AdminTokenNotKept>();
        services.TryAddSingleton<AdminTokens>();
        // Permissions: the table (Auth/Permissions.cs) decided on every route and every command, refusals journaled.
        services.TryAddSingleton(new PermissionRefusalLimits());
        services.AddSingleton<PermissionRefusalLog>();
        services.AddSingleton<PermissionGate>();
        services.TryAddSingleton<ICommandPolicy, PermissionTablePolicy>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, PermissionResultHandler>();
        // Live events: the host wakes the open streams on each journal commit (JournalCommitSignal.Notify).
        services.AddSingleton<JournalCommitSignal>();
        services.TryAddSingleton(new EventStreamOptions());
        services.AddSingleton<EventStreamSlots>();
        // The handler's own log says "was not authenticated" and "was challenged" at Information for every request
        // without a valid token: a line per guess. FailedAuthenticationLimit says it once per burst instead.
        services.AddLogging(logging => logging.AddFilter(typeof(DeviceAuthenticationHandler).FullName, LogLevel.Warning));
        services.AddAuthentication(DeviceAuthenticationHandler.SchemeName)
            .AddScheme<DeviceAuthenticationOptions, DeviceAuthenticationHandler>(DeviceAuthenticationHandler.SchemeName, configureAuth);
        services.AddAuthorization();
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Store appliance API",
                Version = "v1",
                Description = "The restaurant's point of sale on the LAN: orders, menu, journal, reports. " +
                    "Errors are RFC 9457 problems (application/problem+json) with a stable `code`. " +
                    "Commands honour Idempotency-Key (a repeat is answered with the first answer and Idempotent-Replayed: true); " +
                    "versioned resources (an order, the menu, the printers) answer an ETag and honour If-Match (412 when stale). " +
                    "Request bodies are read strictly (an unknown field is refused); answers may gain fields, so keep what you do not know. " +
                    "Lists that grow are read a page at a time: send back nextCursor as cursor while hasMore is true (the journal: lastSeq as after).",
            });
            o.SupportNonNullableReferenceTypes();
            o.UseAllOfToExtendReferenceSchemas();
            // The XML documentation of the wire types and handlers (every Pos.* assembly beside this one) describes schemas and parameters.
            foreach (var xml in Directory.EnumerateFiles(AppContext.BaseDirectory, "Pos.*.xml").Order(StringComparer.Ordinal))
            {
                o.IncludeXmlComments(xml);
            }
            // The wire's problem (Contracts, in a batch's result) is the problem every route declares: one schema, ProblemDetails.
            o.MapType<Contracts.Problems.ProblemDetails>(() => new OpenApiSchemaReference(nameof(Contracts.Problems.ProblemDetails)));
            o.SchemaFilter<RequiredPropertiesFilter>();
            o.SchemaFilter<ProblemSchemaFilter>();
            o.SchemaFilter<AllowedValuesFilter>();
            o.ParameterFilter<AllowedValuesFilter>();
            o.OperationFilter<FailedAuthenticationResponseFilter>();
            o.OperationFilter<ContractOperationFilter>();
            o.OperationFilter<PermissionOperationFilter>();
            o.DocumentFilter<ContractDocumentFilter>();
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The admin token (POS_ADMIN_TOKEN) or a device token.",
            });
            o.AddSecurityRequirement(doc => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", doc)] = [] });
        });
        return services;
    }

    public static WebApplication UsePosApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseUtf8Bodies((http, detail) => Problems.Problems.Of(ErrorCodes.UnsupportedMediaType, detail).ExecuteAsync(http));
        app.UseFailedAuthenticationLimit();
        app.UseAuthentication();
        // Before authorization: a write the table refuses (or whose manager's PIN is wrong) counts against its device too.
        app.UseWriteRateLimit();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();
        // The server is the appliance that served the document, as the client reached it.
        app.UseSwagger(o => o.PreSerializeFilters.Add((doc, request) =>
            doc.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host.Value}", Description = "This appliance" }]));
        app.UseSwaggerUI(o => o.DocumentTitle = "Store appliance API");
        return app;
    }

    public static IEndpointRouteBuilder MapPosApi(this IEndpointRouteBuilder endpoints)
    {
        // Every route takes a command-sized body unless it says otherwise (the menu, a device's batch).
        var limits = endpoints.ServiceProvider.GetRequiredService<RequestLimits>();
        var app = endpoints.MapGroup("").WithBodyLimit(limits.Command);
        app.MapHealthApi();
        app.MapMenuApi(limits);
        app.MapOrdersApi();
        app.MapOrderChecksApi();
        app.MapChecksApi();
        app.MapBusinessDaysApi();
        app.MapOrderMoneyApi();
        app.MapJournalApi();
        app.MapEventsApi();
        app.MapReportsApi();
        app.MapPrintersApi();
        app.MapSyncApi();
        app.MapDevicesApi();
        app.MapPairingApi();
        app.MapRevokeDeviceApi();
        app.MapAdminTokenApi();
        app.MapCommandBatchApi(limits);
        app.MapEmployeesApi();
        app.MapClockApi();
        app.MapStaffSessionsApi();
        app.MapDrawersApi();
        app.MapDrawerSessionsApi();
        app.MapZReportApi();
        return endpoints;
    }
}
