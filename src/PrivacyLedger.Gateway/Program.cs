using Microsoft.AspNetCore.Diagnostics;
using PrivacyLedger.Gateway.Apis;
using PrivacyLedger.Gateway.Errors;
using PrivacyLedger.Gateway.Extensions;
using PrivacyLedger.Gateway.Security;

var builder = WebApplication.CreateBuilder(args);

var engine = builder.AddLedgerStorage();
builder.AddLedgerSilo(engine);
builder.AddApiKeySecurity();
builder.AddHttpConventions();

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

app.MapHealthApi();
app.MapOpenApi();
app.MapRegistersApiV1();
app.MapImportsApiV1();
app.MapSubjectsApiV1();
app.MapPermissionsApiV1();
app.MapRequestsApiV1();
app.MapCampaignsApiV1();
app.MapRetentionApiV1();

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
