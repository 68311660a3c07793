using PrivacyLedger.Gateway.Apis;
using PrivacyLedger.Gateway.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddLedgerStorage();
builder.AddLedgerRuntime();
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapHealthApi();

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
