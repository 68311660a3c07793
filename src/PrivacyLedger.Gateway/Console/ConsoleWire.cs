using System.Text.Json;

namespace PrivacyLedger.Gateway.OfficerConsole;

/// <summary>Enum values as the API spells them (<c>in-progress</c>), which are also the text keys' and the forms' values.</summary>
public static class ConsoleWire
{
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static IEnumerable<(T Value, string Name)> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(value => (value, Name(value)));

    /// <summary>The value's text in the console's language, e.g. <c>status.in-progress</c>; the wire name when there is none.</summary>
    public static string Text<T>(this ConsoleText text, string prefix, T value) where T : struct, Enum =>
        ConsoleStrings.Find($"{prefix}.{Name(value)}", text.Language) ?? Name(value);
}
