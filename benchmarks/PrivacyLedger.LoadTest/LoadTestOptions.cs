namespace PrivacyLedger.LoadTest;

/// <summary>
/// What one run does. Two presets: quick (10,000 people, 10 s per scenario: under three minutes) and full
/// (1,000,000 people, 12 s per scenario: seeding and activating a million take most of its time). Every phase is
/// bounded: fixed durations for the scenarios and pgbench, and seeding and activation bounded by N.
/// </summary>
internal sealed record LoadTestOptions
{
    public required string Mode { get; init; }

    public int People { get; init; }

    public TimeSpan Warmup { get; init; }

    public TimeSpan Duration { get; init; }

    public TimeSpan PgbenchDuration { get; init; }

    /// <summary>Scenario keys to run; empty: all.</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>();

    /// <summary>A running gateway to load instead of starting PostgreSQL and a gateway (loopback only).</summary>
    public Uri? GatewayUrl { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>The running gateway's process id, for its CPU and memory.</summary>
    public int? GatewayPid { get; init; }

    /// <summary>The running gateway's PostgreSQL (an Npgsql connection string), for pgbench and ANALYZE.</summary>
    public string? Postgres { get; init; }

    /// <summary>Extra Npgsql settings appended to the started gateway's connection string (e.g. to compare pool settings).</summary>
    public string? GatewayNpgsqlSettings { get; init; }

    public bool SkipSeed { get; init; }

    /// <summary>perf record of the gateway and PostgreSQL during each measured window (diagnostics: it costs CPU itself).</summary>
    public bool Perf { get; init; }

    public string? ReportPath { get; init; }

    public int SeedConcurrency { get; init; } = 64;

    public int SingleConcurrency { get; init; } = 32;

    public int BatchConcurrency { get; init; } = 4;

    public int ConsentConcurrency { get; init; } = 256;

    public int MixConcurrency { get; init; } = 64;

    public int EnrolConcurrency { get; init; } = 64;

    public int AccessConcurrency { get; init; } = 16;

    /// <summary>A running gateway's gRPC listener (with <see cref="GatewayUrl"/>); without it the gRPC scenarios are skipped.</summary>
    public Uri? GrpcUrl { get; init; }

    /// <summary>gRPC channels, each its own HTTP/2 connection, that the gRPC scenarios spread their calls over.</summary>
    public int GrpcChannels { get; init; } = 4;

    public int GrpcSingleConcurrency { get; init; } = 32;

    /// <summary>Checks in flight at once over the <see cref="GrpcChannels"/> CheckStream streams (one per channel).</summary>
    public int GrpcStreamedConcurrency { get; init; } = 256;

    public int GrpcBatchConcurrency { get; init; } = 4;

    public int GrpcChangeConcurrency { get; init; } = 16;

    public int GrpcChangesPerCall { get; init; } = 100;

    public int PgbenchSelectClients { get; init; } = 8;

    public int PgbenchOneChangeClients { get; init; } = 32;

    public int PgbenchHundredClients { get; init; } = 8;

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    public static LoadTestOptions Quick => new()
    {
        Mode = "quick",
        People = 10_000,
        Warmup = TimeSpan.FromSeconds(3),
        Duration = TimeSpan.FromSeconds(10),
        PgbenchDuration = TimeSpan.FromSeconds(8),
    };

    public static LoadTestOptions Full => new()
    {
        Mode = "full",
        People = 1_000_000,
        Warmup = TimeSpan.FromSeconds(5),
        Duration = TimeSpan.FromSeconds(12),
        PgbenchDuration = TimeSpan.FromSeconds(12),
    };
}
