namespace PrivacyLedger.Ledger.Registers;

/// <summary>
/// A personal-data register as its privacy statement describes it. The YAML files in
/// <c>samples/registers/</c> and <c>PUT /v1/registers/{id}</c> have exactly this structure (camelCase).
/// </summary>
public sealed record RegisterDefinition
{
    /// <summary>Lower-case id, e.g. <c>pk-terveys-customers</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The register's name; Finnish and Swedish where the statement has them (R11).</summary>
    public LocalizedText Name { get; init; } = new();

    public LocalizedText? Description { get; init; }

    public Controller Controller { get; init; } = new();

    /// <summary>Where data-protection questions go (data protection officer or register contact).</summary>
    public ContactPoint? Contact { get; init; }

    public List<Purpose> Purposes { get; init; } = [];

    public List<DataCategory> Categories { get; init; } = [];

    public List<DataSource> Sources { get; init; } = [];

    public List<Recipient> Recipients { get; init; } = [];

    public RightsRules Rights { get; init; } = new();

    /// <summary>Whether data is transferred outside the EU/EEA, as the statement says.</summary>
    public bool TransfersOutsideEea { get; init; }

    /// <summary>Which seed document this definition was written from, for traceability.</summary>
    public string? SourceDocument { get; init; }
}

/// <summary>A text in Finnish, Swedish and English; at least one of them is given.</summary>
public sealed record LocalizedText
{
    public string? Fi { get; init; }
    public string? Sv { get; init; }
    public string? En { get; init; }
}

public sealed record Controller
{
    public string Name { get; init; } = "";
    /// <summary>Finnish business id (Y-tunnus), <c>1234567-8</c>.</summary>
    public string? BusinessId { get; init; }
    public string? Address { get; init; }
    public string? Phone { get; init; }
}

public sealed record ContactPoint
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Address { get; init; }
}

/// <summary>Why data is processed, and on which legal basis (GDPR Art. 6).</summary>
public sealed record Purpose
{
    public string Id { get; init; } = "";
    public LocalizedText Name { get; init; } = new();
    public LegalBasis LegalBasis { get; init; }
    /// <summary>Objection scopes that stop this purpose (R3), e.g. <c>direct-marketing</c>.</summary>
    public List<string> ObjectionScopes { get; init; } = [];
}

public enum LegalBasis
{
    Consent,
    Contract,
    LegalObligation,
    LegitimateInterest,
}

/// <summary>A kind of data held, with its retention rule and any legal hold (R5, R6, R10).</summary>
public sealed record DataCategory
{
    public string Id { get; init; } = "";
    public LocalizedText Name { get; init; } = new();
    /// <summary>Special-category data (health) or the personal identity code: encrypted, masked, never logged (R10).</summary>
    public bool Special { get; init; }
    public RetentionRule Retention { get; init; } = new();
    public LegalHold? LegalHold { get; init; }
    /// <summary>Kept in an external system that must confirm erasure itself.</summary>
    public bool External { get; init; }
}

/// <summary>How long a category is kept: a fixed time from collection or last activity, or while membership or role lasts.</summary>
public sealed record RetentionRule
{
    public int? Days { get; init; }
    public int? Years { get; init; }
    public RetentionStart From { get; init; } = RetentionStart.CollectedAt;
    public bool WhileMember { get; init; }
    public bool WhileRole { get; init; }
    public LocalizedText? Note { get; init; }
}

public enum RetentionStart
{
    CollectedAt,
    LastActivity,
}

/// <summary>Data that the law requires to keep (e.g. accounting law) even against an erasure request (R6).</summary>
public sealed record LegalHold
{
    public int Years { get; init; }
    public string Reason { get; init; } = "";
    public string? Law { get; init; }
}

public sealed record DataSource
{
    public string Id { get; init; } = "";
    public LocalizedText Description { get; init; } = new();
}

/// <summary>Who receives data; those with <see cref="Notify"/> are told of rectification, erasure and restriction (R7).</summary>
public sealed record Recipient
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public LocalizedText? Description { get; init; }
    public bool Notify { get; init; }
}

/// <summary>The rights the statement grants and the rules it states for them.</summary>
public sealed record RightsRules
{
    /// <summary>Rights the statement names: access, rectification, erasure, restriction, objection, portability, consent-withdrawal, complaint.</summary>
    public List<string> Granted { get; init; } = [];
    /// <summary>Free access requests per 12 months before a fee may apply (R1); null when the statement says nothing.</summary>
    public int? FreeAccessRequestsPerYear { get; init; }
    /// <summary>The answer deadline the statement states, in months; more than one is flagged (R8).</summary>
    public int DeadlineMonths { get; init; } = 1;
    /// <summary>How the statement asks requests to be made (e.g. signed letter, in person).</summary>
    public LocalizedText? RequestInstructions { get; init; }
}
