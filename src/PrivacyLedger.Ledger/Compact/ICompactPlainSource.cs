namespace PrivacyLedger.Ledger.Compact;

/// <summary>
/// Event data that writes its own compact plaintext (<see cref="PlainWriter"/>), the very bytes
/// <see cref="CompactPlain.FromJson"/> would make of its JSON: sealing it skips the serializer and the transcoding,
/// which an import does for every person. The object still serializes to that JSON, which is sealed when
/// <see cref="TryWriteCompact"/> declines.
/// </summary>
public interface ICompactPlainSource
{
    /// <summary>False when a value cannot be written so (text UTF-8 cannot hold): the writer is then thrown away.</summary>
    bool TryWriteCompact(PlainWriter writer);
}
