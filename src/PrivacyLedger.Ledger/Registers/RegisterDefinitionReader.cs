using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PrivacyLedger.Ledger.Registers;

/// <summary>Reads register definitions from YAML: camelCase keys, kebab-case enum values, unknown keys refused.</summary>
public static class RegisterDefinitionReader
{
    public static RegisterDefinition Parse(string yaml, string sourceName)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .WithEnumNamingConvention(HyphenatedNamingConvention.Instance)
            .Build();
        try
        {
            return deserializer.Deserialize<RegisterDefinition>(yaml)
                ?? throw new LedgerValidationException("", $"{sourceName} is empty.");
        }
        catch (YamlException exception)
        {
            throw new LedgerValidationException("", $"{sourceName} line {exception.Start.Line}: {exception.InnerException?.Message ?? exception.Message}");
        }
    }

    /// <summary>Every <c>*.yaml</c> file in a folder, validated; a bad file stops start-up with its name and field.</summary>
    public static IReadOnlyList<RegisterDefinition> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Register definitions folder '{Path.GetFullPath(folder)}' does not exist (Ledger:RegistersPath).");
        }
        var definitions = new List<RegisterDefinition>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var definition = Parse(File.ReadAllText(file), Path.GetFileName(file));
            var errors = RegisterDefinitionValidator.Validate(definition);
            if (errors.Count > 0)
            {
                throw new LedgerValidationException(errors[0].Field, $"{Path.GetFileName(file)}: {errors[0].Field}: {errors[0].Message}");
            }
            definitions.Add(definition);
        }
        return definitions;
    }
}
