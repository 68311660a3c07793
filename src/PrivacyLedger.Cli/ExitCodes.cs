namespace PrivacyLedger.Cli;

/// <summary>What the process returns, so scripts can tell failures apart.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A usage error, an error answer from the gateway, failed import lines, a watched campaign that did not complete, or a real run not confirmed.</summary>
    public const int Error = 1;

    public const int Unreachable = 2;

    /// <summary><c>ledger verify</c> found the subject's hash chain broken.</summary>
    public const int LedgerInvalid = 3;

    /// <summary>Stopped with Ctrl+C, as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}

/// <summary>The command line asks for something this tool cannot do; its message is shown as it is.</summary>
public sealed class UsageException(string message) : Exception(message);
