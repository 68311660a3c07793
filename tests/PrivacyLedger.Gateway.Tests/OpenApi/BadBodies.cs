using System.Text.Json.Nodes;

namespace PrivacyLedger.Gateway.Tests.OpenApi;

/// <summary>One refused body: what was changed, and the body.</summary>
public sealed record BadBody(string Change, JsonNode Body);

/// <summary>
/// Bad bodies generated from an operation's request schema and a valid body: each field null where the schema
/// does not allow null, left out where required, of the wrong type, out of its range or value set; in every
/// list a null element and a wrong-typed one.
/// </summary>
public sealed class BadBodies(ServedContract contract)
{
    public IEnumerable<BadBody> From(JsonNode schema, JsonNode valid) => Walk(schema, valid, "", valid);

    private IEnumerable<BadBody> Walk(JsonNode schemaNode, JsonNode? value, string path, JsonNode root)
    {
        var schema = contract.Resolve(NonNullBranch(schemaNode));
        if (schema["enum"] is JsonArray values && value is not null)
        {
            yield return Replace(root, path, "a value outside its set", "not-a-listed-value");
        }
        foreach (var (change, wrong) in WrongTypes(schema))
        {
            yield return Replace(root, path, change, wrong);
        }
        foreach (var bad in OutOfRange(schema, value))
        {
            yield return Replace(root, path, bad.Change, bad.Body);
        }
        if (schema["properties"] is JsonObject properties && value is JsonObject body)
        {
            var required = (schema["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
            foreach (var (name, propertySchema) in properties)
            {
                var childPath = $"{path}/{name}";
                if (required.Contains(name))
                {
                    yield return Remove(root, childPath, "left out (required)");
                }
                if (!AllowsNull(propertySchema!))
                {
                    yield return Replace(root, childPath, "null", null);
                }
                if (body.ContainsKey(name) && body[name] is { } child)
                {
                    foreach (var bad in Walk(propertySchema!, child, childPath, root))
                    {
                        yield return bad;
                    }
                }
                else
                {
                    foreach (var (change, wrong) in WrongTypes(contract.Resolve(NonNullBranch(propertySchema!))))
                    {
                        yield return Replace(root, childPath, change, wrong);
                    }
                }
            }
        }
        if (schema["items"] is { } items && value is JsonArray list)
        {
            if (!AllowsNull(items))
            {
                yield return Replace(root, $"{path}/{list.Count}", "a null element", null, append: true);
            }
            foreach (var (change, wrong) in WrongTypes(contract.Resolve(NonNullBranch(items))))
            {
                yield return Replace(root, $"{path}/{list.Count}", $"an element {change}", wrong, append: true);
            }
            if (list.Count > 0)
            {
                foreach (var bad in Walk(items, list[0], $"{path}/0", root))
                {
                    yield return bad;
                }
            }
        }
    }

    private static IEnumerable<(string Change, JsonNode? Wrong)> WrongTypes(JsonObject schema)
    {
        var types = TypesOf(schema);
        if (types.Count == 0)
        {
            yield break;
        }
        if (!types.Contains("string"))
        {
            yield return ("of the wrong type (a string)", "wrong-type");
        }
        if (!types.Contains("integer") && !types.Contains("number") && !types.Contains("string"))
        {
            yield return ("of the wrong type (a number)", 12345);
        }
        if (types.Contains("string") && schema["format"] is null)
        {
            yield return ("of the wrong type (a number)", 12345);
        }
        if (!types.Contains("boolean"))
        {
            yield return ("of the wrong type (a boolean)", true);
        }
        if (!types.Contains("object"))
        {
            yield return ("of the wrong type (an object)", new JsonObject { ["x"] = 1 });
        }
        if (!types.Contains("array"))
        {
            yield return ("of the wrong type (a list)", new JsonArray(1, 2));
        }
        if (types.Contains("integer"))
        {
            yield return ("a fraction where an integer goes", 1.5);
        }
    }

    private static IEnumerable<(string Change, JsonNode? Body)> OutOfRange(JsonObject schema, JsonNode? value)
    {
        if (schema["minimum"] is { } minimum)
        {
            yield return ("below its minimum", minimum.GetValue<decimal>() - 1);
        }
        if (schema["maximum"] is { } maximum)
        {
            yield return ("above its maximum", maximum.GetValue<decimal>() + 1);
        }
        if (schema["minLength"] is { } minLength && minLength.GetValue<int>() > 0)
        {
            yield return ("shorter than its minimum length", "");
        }
        if (schema["minItems"] is { } minItems && minItems.GetValue<int>() > 0)
        {
            yield return ("with fewer elements than its minimum", new JsonArray());
        }
        if (schema["maxItems"] is { } maxItems && value is JsonArray { Count: > 0 } list)
        {
            yield return ("with more elements than its maximum", new JsonArray([.. Enumerable.Range(0, maxItems.GetValue<int>() + 1).Select(_ => list[0]!.DeepClone())]));
        }
    }

    private static HashSet<string> TypesOf(JsonObject schema) => schema["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>()).Where(t => t != "null")],
        JsonValue one when one.GetValue<string>() != "null" => [one.GetValue<string>()],
        _ => [],
    };

    private bool AllowsNull(JsonNode schema)
    {
        if (schema["oneOf"] is JsonArray oneOf)
        {
            return oneOf.Any(o => o?["type"]?.ToString() == "null");
        }
        var resolved = contract.Resolve(schema);
        return (resolved["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null"))
            || (resolved["enum"] is JsonArray values && values.Any(v => v is null));
    }

    private static JsonNode NonNullBranch(JsonNode schema) =>
        schema["oneOf"] is JsonArray oneOf ? oneOf.First(o => o?["type"]?.ToString() != "null")! : schema;

    private static BadBody Replace(JsonNode root, string path, string change, JsonNode? value, bool append = false)
    {
        var copy = root.DeepClone();
        var (parent, key) = Locate(copy, path);
        switch (parent)
        {
            case null:
                return new BadBody($"the body {change}", value ?? JsonValue.Create("null-body")!);
            case JsonObject obj:
                obj[key] = value;
                break;
            case JsonArray array when append:
                array.Add(value);
                break;
            case JsonArray array:
                array[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = value;
                break;
        }
        return new BadBody($"{(append ? path[..path.LastIndexOf('/')] : path)} {change}", copy);
    }

    private static BadBody Remove(JsonNode root, string path, string change)
    {
        var copy = root.DeepClone();
        var (parent, key) = Locate(copy, path);
        (parent as JsonObject)?.Remove(key);
        return new BadBody($"{path} {change}", copy);
    }

    private static (JsonNode? Parent, string Key) Locate(JsonNode root, string path)
    {
        if (path.Length == 0)
        {
            return (null, "");
        }
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var node = root;
        foreach (var segment in segments[..^1])
        {
            node = node is JsonArray array ? array[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)]! : node[segment]!;
        }
        return (node, segments[^1]);
    }
}
