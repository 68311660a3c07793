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
