using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages.Person;

/// <summary>A placeholder until this part of the console is built; shown to the roles that may call the API route it stands for.</summary>
[ConsoleAccess("GET", "/v1/subjects/{subjectId}")]
public sealed class PersonModel : PageModel;
