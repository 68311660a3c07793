using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages;

/// <summary>The request queue: the work of GET /v1/requests.</summary>
[ConsoleAccess("GET", "/v1/requests")]
public sealed class QueueModel : PageModel;
