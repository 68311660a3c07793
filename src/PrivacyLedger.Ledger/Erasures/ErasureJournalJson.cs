using System.Text.Json.Serialization;

namespace PrivacyLedger.Ledger.Erasures;

/// <summary>The journal's line format, source-generated: a large journal is parsed line by line at every start.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FileErasureJournal.StoredRecord))]
internal sealed partial class ErasureJournalJson : JsonSerializerContext;
