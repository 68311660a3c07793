using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using PrivacyLedger.Gateway.Security;

namespace PrivacyLedger.Gateway.OfficerConsole;

/// <summary>
/// Decides each console page and action by its matrix row (<see cref="ConsoleAccessAttribute"/>) and the signed-in
/// role: a role the row does not allow gets the 403 page, before the handler runs. Signing in is the cookie scheme's
/// business (an unsigned visitor is sent to the sign-in page by the page's authorization).
/// </summary>
internal sealed class ConsoleAccessFilter(IModelMetadataProvider metadata) : IAsyncPageFilter
{
    public const string ForbiddenView = "/Console/Pages/Shared/_Forbidden.cshtml";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var row = RowFor(context.ActionDescriptor, context.HandlerMethod);
        if (row is { Anonymous: true } || (row is not null && Allows(row, context.HttpContext.User.Role())))
        {
            await next();
            return;
        }
        context.Result = new ViewResult
        {
            ViewName = ForbiddenView,
            StatusCode = StatusCodes.Status403Forbidden,
            ViewData = new ViewDataDictionary(metadata, context.ModelState),
        };
    }

    /// <summary>A role may use a page when it may hold a console session and the page's row allows it.</summary>
    public static bool Allows(RouteAccess row, string? role) => row.Anonymous || (ConsoleSession.Allows(role) && row.Allows(role!));

    private static RouteAccess? RowFor(CompiledPageActionDescriptor page, HandlerMethodDescriptor? handler) =>
        (handler?.MethodInfo.GetCustomAttribute<ConsoleAccessAttribute>() ?? page.HandlerTypeInfo.GetCustomAttribute<ConsoleAccessAttribute>())?.Row;
}
