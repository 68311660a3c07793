namespace PrivacyLedger.Ledger.Compact;

/// <summary>
/// The first byte of a stored payload says how it is written. JSON (what earlier versions stored) begins with
/// <c>{</c>; the binary forms begin with a version byte below any JSON can start with, so every payload ever
/// written stays readable and each row says for itself which form it holds.
/// </summary>
public static class CompactForm
{
    /// <summary>The first binary version of a payload (ledger events, register member entries).</summary>
    public const byte Version1 = 0x01;

    /// <summary>Bytes up to this are kept for later binary versions: none of them can start JSON.</summary>
    private const byte LastReservedVersion = 0x08;

    /// <summary>True for the binary version 1, false for JSON; a later binary version (a newer writer, rolled back) throws.</summary>
    public static bool IsVersion1(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || payload[0] > LastReservedVersion || payload[0] == 0)
        {
            return false;
        }
        return payload[0] == Version1
            ? true
            : throw new InvalidDataException($"A stored payload is in binary format {payload[0]}, newer than this version reads.");
    }

    /// <summary>A time stored as its UTC ticks reads back exactly only if its offset was zero.</summary>
    public static bool IsUtc(DateTimeOffset at) => at.Offset == TimeSpan.Zero;
}
