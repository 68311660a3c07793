using PrivacyLedger.Cli;

return await CliApp.CreateForConsole().InvokeAsync(args);
