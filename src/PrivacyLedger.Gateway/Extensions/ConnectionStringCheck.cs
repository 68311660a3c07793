using Npgsql;

namespace PrivacyLedger.Gateway.Extensions;

/// <summary>
/// Whether <c>ConnectionStrings:Ledger</c> is one Npgsql can use. The string holds a password, so neither it nor the
/// parser's message (which may quote part of it) is ever shown; the problem names the key and the expected shape.
/// </summary>
internal static class ConnectionStringCheck
{
    public const string Problem =
        "ConnectionStrings:Ledger is not a valid Npgsql connection string (it is not shown: it may hold a password). "
        + "It takes Key=Value pairs separated by ';' and names a Host, e.g. Host=127.0.0.1;Port=5432;Username=ledger;Password=...;Database=ledger.";

    public static bool IsWellFormed(string connectionString)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            return false;
        }
    }
}
