using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages.Registers;

/// <summary>A placeholder until this part of the console is built; shown to the roles that may call the API route it stands for.</summary>
[ConsoleAccess("GET", "/v1/registers")]
public sealed class RegistersModel : PageModel;
