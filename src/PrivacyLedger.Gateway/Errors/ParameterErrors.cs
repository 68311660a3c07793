using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using PrivacyLedger.Gateway.Contracts;

namespace PrivacyLedger.Gateway.Errors;

/// <summary>
/// Names the query or route parameter that minimal APIs could not bind (<c>limit=abc</c>) and says what it takes. The
/// binder reports only a message, <c>Failed to bind parameter "int? limit" from "abc".</c>; the parameter's name is
/// taken from it and checked against the handler's parameters, and the rest of the message (which quotes the value)
/// is dropped. A <see cref="RangeAttribute"/> on the parameter gives the range it takes.
/// </summary>
internal static partial class ParameterErrors
{
    public static (string Field, string Message)? Describe(BadHttpRequestException exception, Endpoint? endpoint)
    {
        var match = Binding().Match(exception.Message);
        if (!match.Success || endpoint?.Metadata.GetMetadata<MethodInfo>() is not { } handler)
        {
            return null;
        }
        var name = match.Groups["declaration"].Value.Split(' ')[^1];
        var parameter = handler.GetParameters().FirstOrDefault(p => p.Name == name);
        if (parameter is null)
        {
            return null;
        }
        if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType == parameter.ParameterType)
        {
            return ("body", "A JSON body is required.");
        }
        var field = parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.GetCustomAttribute<FromRouteAttribute>()?.Name ?? name;
        if (match.Groups["required"].Success)
        {
            return (field, $"{field} is required.");
        }
        return parameter.GetCustomAttribute<RangeAttribute>() is { Minimum: var min, Maximum: var max }
            ? (field, WireTypes.WholeNumberBetween(field, Convert.ToInt64(min, System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(max, System.Globalization.CultureInfo.InvariantCulture)))
            : (field, $"{field} must be {WireTypes.Describe(parameter.ParameterType)}.");
    }

    [GeneratedRegex("^(?:Failed to bind parameter|(?<required>Required parameter)) \"(?<declaration>[^\"]+)\"")]
    private static partial Regex Binding();
}
