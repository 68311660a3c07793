using Microsoft.AspNetCore.Diagnostics;
using PrivacyLedger.Gateway.Apis;
using PrivacyLedger.Gateway.Errors;
using PrivacyLedger.Gateway.Extensions;
using PrivacyLedger.Gateway.Security;
using PrivacyLedger.Ledger.Receipts;

var builder = WebApplication.CreateBuilder(args);

var engine = builder.AddLedgerStorage();
builder.AddLedgerSilo(engine);
builder.AddApiKeySecurity();
builder.AddHttpConventions();
builder.Services.AddReceipts(receipts => builder.Configuration.GetSection("Ledger").Bind(receipts));

var app = builder.Build();

app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // Errors answered as 4xx problems are the caller's, not the server's: no error-level log for them.
    SuppressDiagnosticsCallback = context => context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService,
});
app.UseStatusCodePages();
app.UseRequestLimits();
app.UseAuthentication();
app.UseAuthorization();

// Every route is mapped under the access matrix: who may call it is decided in Security/AccessMatrix.cs.
var routes = app.MapGroup("").WithAccessMatrix();
routes.MapHealthApi();
routes.MapOpenApi();
routes.MapRegistersApiV1();
routes.MapImportsApiV1();
routes.MapSubjectsApiV1();
routes.MapPermissionsApiV1();
routes.MapRequestsApiV1();
routes.MapCampaignsApiV1();
routes.MapRetentionApiV1();
routes.MapWellKnownApi();
routes.MapDiscoveryApiV1();

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
