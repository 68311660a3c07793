using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace PrivacyLedger.Gateway.OfficerConsole;

/// <summary>
/// Puts every console page under the access matrix as the pages are discovered (at start-up, and in the tests that
/// walk them): a page without a <see cref="ConsoleAccessAttribute"/> naming a matrix row, or a POST handler without
/// one of its own, stops the gateway from starting, so no page or action is ever served without a decision.
/// </summary>
internal sealed class ConsoleAccessConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var pageAccess = model.HandlerType.GetCustomAttribute<ConsoleAccessAttribute>()
            ?? throw new InvalidOperationException($"Console page {model.ViewEnginePath} has no [ConsoleAccess]: name the matrix row it stands for.");
        var page = pageAccess.Row
            ?? throw new InvalidOperationException($"Console page {model.ViewEnginePath} names {pageAccess.Method} {pageAccess.Pattern}, which has no row in AccessMatrix.");
        foreach (var handler in model.HandlerMethods)
        {
            var name = $"{model.ViewEnginePath} {handler.HttpMethod} {handler.HandlerName}";
            var access = handler.MethodInfo.GetCustomAttribute<ConsoleAccessAttribute>();
            if (access is null)
            {
                // A GET handler without a row of its own shows the page; anything else changes something and must say what.
                if (!string.Equals(handler.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"Console action {name} has no [ConsoleAccess]: name the API route it does the work of.");
                }
                continue;
            }
            var row = access.Row ?? throw new InvalidOperationException($"Console action {name} names {access.Method} {access.Pattern}, which has no row in AccessMatrix.");
            if (row.Anonymous && !page.Anonymous)
            {
                throw new InvalidOperationException($"Console action {name} is open to anyone on a page that is not.");
            }
        }
        model.EndpointMetadata.Add(pageAccess);
        // The console's pages read the console's cookie and nothing else; an open page still learns who is signed in.
        model.EndpointMetadata.Add(new AuthorizeAttribute { AuthenticationSchemes = ConsoleSession.Scheme });
        if (page.Anonymous)
        {
            model.EndpointMetadata.Add(new AllowAnonymousAttribute());
        }
    }
}
