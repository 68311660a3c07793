using System.Reflection;
using System.Text.RegularExpressions;

namespace PrivacyLedger.Storage;

/// <summary>
/// One versioned schema script, embedded in a storage provider's assembly as <c>…Schema.NNN_name.sql</c>.
/// Providers apply the scripts they have not applied yet, in version order, on every start.
/// </summary>
public sealed partial record SchemaScript(int Version, string Name, string Sql)
{
    public static IReadOnlyList<SchemaScript> LoadEmbedded(Assembly assembly)
    {
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success)
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["name"].Value, reader.ReadToEnd()));
        }
        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (scripts.Select(script => script.Version).Distinct().Count() != scripts.Count)
        {
            throw new InvalidOperationException($"{assembly.GetName().Name} embeds two schema scripts with one version.");
        }
        return scripts;
    }

    [GeneratedRegex(@"\.Schema\.(?<version>\d{3})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
