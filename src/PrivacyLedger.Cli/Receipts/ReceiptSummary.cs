using System.Text.Json;

namespace PrivacyLedger.Cli.Receipts;

/// <summary>The fields of a receipt's payload this tool prints and checks; the rest is shown as it is.</summary>
public sealed record ReceiptSummary(string RequestId, string Type, string Status, string Issuer, string IssuedAt, string LedgerHead, IReadOnlyList<string> Registers)
{
    /// <summary>Reads a verified payload; <see cref="FormatException"/> when it is not a receipt.</summary>
    public static ReceiptSummary Read(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            var registers = root.TryGetProperty("registers", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(Describe).ToList()
                : [];
            return new ReceiptSummary(Text(root, "requestId"), Text(root, "type"), Text(root, "status"), Text(root, "issuer"), Text(root, "issuedAt"), Text(root, "ledgerHead"), registers);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException("the payload is not a receipt (a JSON object with requestId, type, status, issuer, issuedAt and ledgerHead)", exception);
        }
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString() ?? throw new InvalidOperationException(name);

    private static string Describe(JsonElement register)
    {
        var parts = register.EnumerateObject()
            .Where(property => property.Name is not ("registerId" or "action" or "outcome"))
            .Select(property => $"{property.Name} {(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText())}");
        var details = string.Join(", ", parts);
        return $"{Value(register, "registerId")}: {Value(register, "action")} → {Value(register, "outcome")}{(details.Length > 0 ? $" ({details})" : "")}";
    }

    private static string Value(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "?";
}
