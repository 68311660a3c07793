namespace PrivacyLedger.Gateway.OfficerConsole;

/// <summary>What the console logs: roles and outcomes, never a key, a name or a person's data.</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Console session started for role {Role}")]
    public static partial void SignedIn(ILogger logger, string role);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Console sign-in refused for role {Role}: the role may not use the console")]
    public static partial void RoleRefused(ILogger logger, string role);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Console sign-in refused: unknown key")]
    public static partial void UnknownKey(ILogger logger);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Console sign-in refused: plain HTTP from a non-loopback address")]
    public static partial void PlainHttpRefused(ILogger logger);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Console session ended by sign-out")]
    public static partial void SignedOut(ILogger logger);
}
