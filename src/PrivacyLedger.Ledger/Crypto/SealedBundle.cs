using System.Text.Json.Serialization;
using PrivacyLedger.Ledger.Subjects;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Crypto;

/// <summary>
/// Every personal field of one subject's state sealed as one ciphertext (one nonce, one tag), under the subject's data
/// key with the subject id and <see cref="SealedFields.SubjectState"/> in the associated data. Sealing each field
/// on its own cost 29 bytes of nonce, tag and length per field, about a third of an imported person's state. Which field
/// is in which slot is implied by the state's structure (<see cref="SubjectState"/> walks its fields in one order), so
/// the plaintext holds only the values: a format byte, the contact data (its field count, then each field as a text),
/// then the count of text slots and each text (<see cref="StateWriter.Text"/>; null for a value that could not be
/// opened when the bundle was made). Opened once, on the first field a turn reads; a turn that shows no personal data
/// never opens it.
/// </summary>
[JsonConverter(typeof(SealedBundleJsonConverter))]
public sealed class SealedBundle
{
    public const byte Version1 = 0x01;

    private FieldSealer? _tried;
    private Contents? _contents;

    private SealedBundle(byte[] ciphertext, int texts, bool hasContact, Contents? contents)
    {
        Ciphertext = ciphertext;
        Texts = texts;
        HasContact = hasContact;
        _contents = contents;
    }

    public byte[] Ciphertext { get; }

    /// <summary>How many text slots the bundle was made for (the state's text fields when it was sealed or read).</summary>
    public int Texts { get; }

    /// <summary>Whether the bundle was made for a state with contact data.</summary>
    public bool HasContact { get; }

    /// <summary>As read from storage, for a state whose structure holds <paramref name="texts"/> text fields (and contact data or not).</summary>
    public static SealedBundle FromCiphertext(byte[] ciphertext, int texts, bool hasContact) => new(ciphertext, texts, hasContact, null);

    /// <summary>
    /// Seals the values, in slot order; they stay at hand (the bundle keeps <paramref name="texts"/>, not a copy), so
    /// this activation never opens what it sealed.
    /// </summary>
    public static SealedBundle Seal(FieldSealer sealer, bool hasContact, ContactData? contact, string?[] texts)
    {
        using var writer = new StateWriter(Version1);
        if (contact is null)
        {
            writer.Count(null);
        }
        else
        {
            writer.Count(ContactFields);
            writer.Text(contact.GivenName);
            writer.Text(contact.FamilyName);
            writer.Text(contact.Email);
            writer.Text(contact.Phone);
            writer.Text(contact.Address);
            writer.Text(contact.Language);
        }
        writer.Count(texts.Length);
        foreach (var text in texts)
        {
            writer.Text(text);
        }
        var plain = writer.ToArray();
        try
        {
            return new(sealer.SealBytes(plain, SealedFields.SubjectState), texts.Length, hasContact, new Contents(contact, texts));
        }
        finally
        {
            Array.Clear(plain);
        }
    }

    /// <summary>The value of a field held here: the contact data, or text slot <paramref name="slot"/>.</summary>
    public T? Open<T>(FieldSealer? sealer, int slot) where T : class =>
        typeof(T) == typeof(ContactData) ? (T?)(object?)Contact(sealer) : (T?)(object?)Text(sealer, slot);

    /// <summary>The contact data, or null when the bundle holds none or cannot be opened.</summary>
    public ContactData? Contact(FieldSealer? sealer) => Open(sealer)?.Contact;

    /// <summary>Text slot <paramref name="slot"/>, or null when it is empty or the bundle cannot be opened.</summary>
    public string? Text(FieldSealer? sealer, int slot) => Open(sealer) is { } contents && slot < contents.Texts.Length ? contents.Texts[slot] : null;

    // Opened once; a key that does not open it (destroyed and another made) is not tried again.
    private Contents? Open(FieldSealer? sealer)
    {
        if (_contents is not null || sealer is null || ReferenceEquals(_tried, sealer))
        {
            return _contents;
        }
        _tried = sealer;
        if (sealer.TryOpenBytes(Ciphertext, SealedFields.SubjectState) is not { } plain)
        {
            return null;
        }
        try
        {
            _contents = Read(plain);
        }
        finally
        {
            Array.Clear(plain);
        }
        return _contents;
    }

    private static Contents Read(byte[] plain)
    {
        var reader = new StateReader(plain, Version1);
        ContactData? contact = null;
        if (reader.Count() is { } contactFields)
        {
            var values = new string?[Math.Max(contactFields, ContactFields)];
            for (var i = 0; i < contactFields; i++)
            {
                values[i] = reader.Text();
            }
            contact = new ContactData { GivenName = values[0], FamilyName = values[1], Email = values[2], Phone = values[3], Address = values[4], Language = values[5] };
        }
        var texts = new string?[reader.Count() ?? 0];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = reader.Text();
        }
        reader.EnsureEnd();
        return new Contents(contact, texts);
    }

    // ContactData's fields, in the order written: appended to, never reordered (a later field reads as absent from older bundles).
    private const int ContactFields = 6;

    private sealed record Contents(ContactData? Contact, string?[] Texts);
}
