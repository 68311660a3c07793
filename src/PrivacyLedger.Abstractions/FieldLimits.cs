namespace PrivacyLedger.Ledger;

/// <summary>
/// The longest text and the longest list each field of API v1 takes, in one place: the request records carry
/// them as annotations, the gateway enforces them as bodies are read, and docs/api-limits.md lists them.
/// Lengths count UTF-16 code units (what <see cref="string.Length"/> counts).
/// </summary>
public static class FieldLimits
{
    /// <summary>Subject, register, purpose, category, request, campaign and upload ids.</summary>
    public const int Id = 64;

    /// <summary>Words of a closed vocabulary: channels, scopes, identifier kinds, statuses.</summary>
    public const int Word = 32;

    /// <summary>A person's given or family name, and who verified or confirmed something.</summary>
    public const int Name = 200;

    public const int ExternalId = 256;

    /// <summary>An identifier's value as given, before normalisation (an email is at most 254 once normalised).</summary>
    public const int IdentifierValue = 256;

    public const int Email = 254;

    public const int Phone = 64;

    public const int Address = 1_000;

    /// <summary>A BCP 47 language tag; 35 characters hold any tag in practical use.</summary>
    public const int Language = 35;

    /// <summary>Where a record came from, e.g. <c>customer-service</c> or <c>population-register</c>.</summary>
    public const int Source = 100;

    /// <summary>Reasons, explanations and evidence.</summary>
    public const int Text = 4_000;

    /// <summary>A paging cursor (<c>after</c>).</summary>
    public const int Cursor = 256;

    /// <summary>Any string of a body without a limit of its own, e.g. the texts of a register definition.</summary>
    public const int OtherText = 4_000;

    /// <summary>Each string in a list of strings (ids, channels, scopes).</summary>
    public const int ListElement = Id;

    public const int Identifiers = 20;

    public const int Categories = 100;

    public const int Channels = 16;

    public const int Registers = 100;

    /// <summary>Subject ids of one batch permission check.</summary>
    public const int BatchSubjects = 1_000;

    /// <summary>Subject ids inline in a campaign; longer lists go through an upload.</summary>
    public const int InlineSubjects = 10_000;
}
