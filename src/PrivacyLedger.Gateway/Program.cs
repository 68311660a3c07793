using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using PrivacyLedger.Gateway.Apis;
using PrivacyLedger.Gateway.Cluster;
using PrivacyLedger.Gateway.Errors;
using PrivacyLedger.Gateway.Extensions;
using PrivacyLedger.Gateway.Grpc;
using PrivacyLedger.Gateway.Operations;
using PrivacyLedger.Gateway.OfficerConsole;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger.Receipts;

var builder = WebApplication.CreateBuilder(args);

var engine = builder.AddLedgerStorage();
builder.AddLedgerSilo(engine);
builder.AddErasureJournalLocation();
builder.AddClusterRuntime();
builder.AddApiKeySecurity();
builder.AddRateLimits();
builder.AddGatewayMetrics();
builder.AddHttpConventions();
builder.Services.AddGatewayOperations();
builder.AddGrpcApi();
builder.Services.AddReceipts(receipts => builder.Configuration.GetSection("Ledger").Bind(receipts));
builder.AddConsole();

var app = builder.Build();

app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // Errors answered as 4xx problems are the caller's, not the server's: no error-level log for them.
    SuppressDiagnosticsCallback = context => context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService,
});
app.UseStatusCodePages();
app.UseGrpcListenerSeparation();
app.UseRequestLimits();
app.UseConsole();
app.UseAuthentication();
app.UseRateLimits();
app.UseAuthorization();

// Every route is mapped under the access matrix: who may call it is decided in Security/AccessMatrix.cs.
var routes = app.MapGroup("").WithAccessMatrix();
routes.MapHealthApi();
routes.MapMetricsApi();
routes.MapOpenApi();
routes.MapRegistersApiV1();
routes.MapImportsApiV1();
routes.MapSubjectsApiV1();
routes.MapPermissionsApiV1();
routes.MapRequestsApiV1();
routes.MapCampaignsApiV1();
routes.MapRetentionApiV1();
routes.MapErasuresApiV1();
routes.MapWellKnownApi();
routes.MapDiscoveryApiV1();
routes.MapGrpcApi();
// The console's pages are decided by the same matrix, page by page and action by action (Console/ConsoleAccessConvention.cs).
app.MapConsole();
routes.MapClusterApiV1();
routes.MapKeysApiV1();
routes.MapClusterDashboard(app.Configuration);

try
{
    // Every setting is checked before anything starts: the host's own check comes after it builds its services, some
    // of which (the silo's, PostgreSQL's data source) would already fail on a bad setting with a less useful message.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (StartupFailure.SettingsProblems(exception) is { } problems && StartupFailure.IsOwnProcess)
{
    return await StartupFailure.ReportAsync(problems);
}

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
