using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PrivacyLedger.Gateway.OfficerConsole.Pages;

/// <summary>One rights request: the work of GET /v1/requests/{requestId} and its actions.</summary>
[ConsoleAccess("GET", "/v1/requests/{requestId}")]
public sealed class RequestModel : PageModel;
