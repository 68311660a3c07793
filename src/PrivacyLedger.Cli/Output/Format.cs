using System.Globalization;

namespace PrivacyLedger.Cli.Output;

/// <summary>Numbers, rates, durations and times as this tool prints them; culture-invariant so output is the same everywhere.</summary>
internal static class Format
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => perSecond.ToString("0.#", CultureInfo.InvariantCulture) + "/s";

    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || double.IsNaN(s) || double.IsInfinity(s) || s < 0)
        {
            return "-";
        }
        var span = TimeSpan.FromSeconds(Math.Round(s));
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m")
            : span.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds:00}s")
                : string.Create(CultureInfo.InvariantCulture, $"{span.Seconds}s");
    }

    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    public static string Percent(long part, long whole) =>
        whole <= 0 ? "-" : (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
