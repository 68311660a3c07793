using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization.Metadata;
using PrivacyLedger.Ledger;

namespace PrivacyLedger.Gateway.Contracts;

/// <summary>
/// Rules every JSON body passes as it is read, before any handler sees it: no null element in a list, no list longer
/// than its <see cref="MaxLengthAttribute"/>, and every string within its <see cref="StringLengthAttribute"/> and
/// <see cref="TextRules"/> (line breaks only where the field is <see cref="DataType.MultilineText"/>). A string
/// without a limit of its own takes <see cref="FieldLimits.OtherText"/>; strings in lists take <see cref="FieldLimits.ListElement"/>.
/// Done as a contract modifier so it holds for every body and import line alike, and the serializer names the path.
/// </summary>
internal static class BodyRules
{
    public static IServiceCollection AddBodyRules(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolver =
            (options.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Apply));

    internal static void Apply(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        var checks = type.Properties.Select(CheckFor).OfType<Action<object>>().ToArray();
        if (checks.Length == 0)
        {
            return;
        }
        var then = type.OnDeserialized;
        type.OnDeserialized = value =>
        {
            foreach (var check in checks)
            {
                check(value);
            }
            then?.Invoke(value);
        };
    }

    private static Action<object>? CheckFor(JsonPropertyInfo property)
    {
        if (property.Get is not { } get)
        {
            return null;
        }
        var name = property.Name;
        if (property.PropertyType == typeof(string))
        {
            var maxLength = Attribute<StringLengthAttribute>(property)?.MaximumLength ?? FieldLimits.OtherText;
            var multiline = Attribute<DataTypeAttribute>(property)?.DataType == DataType.MultilineText || Attribute<StringLengthAttribute>(property) is null;
            return value =>
            {
                if (get(value) is string text)
                {
                    CheckText(name, text, maxLength, multiline);
                }
            };
        }
        if (property.PropertyType.IsAssignableTo(typeof(IEnumerable)) && !property.PropertyType.IsAssignableTo(typeof(IDictionary)))
        {
            var maxItems = Attribute<MaxLengthAttribute>(property)?.Length;
            return value =>
            {
                if (get(value) is IList list)
                {
                    CheckList(name, list, maxItems);
                }
            };
        }
        return null;
    }

    private static void CheckList(string name, IList list, int? maxItems)
    {
        if (list.Count > maxItems)
        {
            throw new JsonFieldException(name, $"can hold at most {maxItems} items");
        }
        for (var i = 0; i < list.Count; i++)
        {
            switch (list[i])
            {
                case null:
                    throw new JsonFieldException($"{name}[{i}]", "cannot be null");
                case string text:
                    CheckText($"{name}[{i}]", text, FieldLimits.ListElement, multiline: false);
                    break;
            }
        }
    }

    private static void CheckText(string field, string text, int maxLength, bool multiline)
    {
        if (TextRules.Check(text, maxLength, multiline) is { } reason)
        {
            throw new JsonFieldException(field, reason);
        }
    }

    /// <summary>An annotation on the property or, for a positional record, on its constructor parameter.</summary>
    private static T? Attribute<T>(JsonPropertyInfo property) where T : Attribute =>
        property.AttributeProvider?.GetCustomAttributes(typeof(T), inherit: true).OfType<T>().FirstOrDefault()
        ?? property.AssociatedParameter?.AttributeProvider?.GetCustomAttributes(typeof(T), inherit: true).OfType<T>().FirstOrDefault();
}
