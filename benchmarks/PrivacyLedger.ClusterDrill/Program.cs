using PrivacyLedger.ClusterDrill;

// The cluster drill (deploy/cluster-drill.sh runs it against deploy/cluster.sh) and its throughput mode. See
// benchmarks/README.md, "The cluster drill".
const string Usage = """
    usage: PrivacyLedger.ClusterDrill --url http://127.0.0.1:PORT [--api-key KEY] --cluster-script deploy/cluster.sh
             [--nodes 3] [--kills 10] [--people 10000] [--erasures 50] [--campaign-people 100000] [--campaign-rate 500]
             [--workers 32] [--tail 20] [--settle 900] [--grace 15] [--no-cold-verify] [--work DIR]
           PrivacyLedger.ClusterDrill --url … --throughput SECONDS [--people 10000] [--workers 32] [--skip-seed]
             [--metrics-urls http://127.0.0.1:5181,…] [--metrics-key dev-metrics-key]
    """;
DrillOptions options;
try
{
    options = DrillOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
Directory.CreateDirectory(options.Work);
return options.ThroughputSeconds is { } seconds
    ? await ThroughputRun.RunAsync(options, seconds)
    : await DrillRun.RunAsync(options);
