using System.Globalization;

namespace PrivacyLedger.ClusterDrill;

/// <summary>The command line (see Program.cs for the usage text).</summary>
internal sealed record DrillOptions
{
    public Uri Url { get; init; } = new("http://127.0.0.1:5180");
    public string ApiKey { get; init; } = "dev-admin-key";
    public string? ClusterScript { get; init; }
    public int Nodes { get; init; } = 3;
    public int Kills { get; init; } = 10;
    public int People { get; init; } = 10_000;
    public int Erasures { get; init; } = 50;
    public int CampaignPeople { get; init; } = 100_000;
    public int CampaignRate { get; init; } = 500;
    public int Workers { get; init; } = 32;
    public double TailSeconds { get; init; } = 20;
    public double SettleSeconds { get; init; } = 900;
    public double GraceSeconds { get; init; } = 15;
    public bool ColdVerify { get; init; } = true;
    public string Work { get; init; } = Path.Combine(Path.GetTempPath(), $"cluster-drill-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
    public double? ThroughputSeconds { get; init; }
    public bool SkipSeed { get; init; }
    public IReadOnlyList<Uri> MetricsUrls { get; init; } = [];
    public string MetricsKey { get; init; } = "dev-metrics-key";

    public static DrillOptions Parse(string[] args)
    {
        var options = new DrillOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Number() => int.Parse(Value(), CultureInfo.InvariantCulture);
            double Seconds() => double.Parse(Value(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--url" => options with { Url = new Uri(Value()) },
                "--api-key" => options with { ApiKey = Value() },
                "--cluster-script" => options with { ClusterScript = Path.GetFullPath(Value()) },
                "--nodes" => options with { Nodes = Number() },
                "--kills" => options with { Kills = Number() },
                "--people" => options with { People = Number() },
                "--erasures" => options with { Erasures = Number() },
                "--campaign-people" => options with { CampaignPeople = Number() },
                "--campaign-rate" => options with { CampaignRate = Number() },
                "--workers" => options with { Workers = Number() },
                "--tail" => options with { TailSeconds = Seconds() },
                "--settle" => options with { SettleSeconds = Seconds() },
                "--grace" => options with { GraceSeconds = Seconds() },
                "--no-cold-verify" => options with { ColdVerify = false },
                "--work" => options with { Work = Path.GetFullPath(Value()) },
                "--throughput" => options with { ThroughputSeconds = Seconds() },
                "--skip-seed" => options with { SkipSeed = true },
                "--metrics-urls" => options with { MetricsUrls = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(url => new Uri(url))] },
                "--metrics-key" => options with { MetricsKey = Value() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return options;
    }
}
