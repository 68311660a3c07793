using Microsoft.Extensions.Options;

namespace PrivacyLedger.Ledger.Erasures;

/// <summary>
/// Refuses to start when the journal cannot be written: every erasure would then fail, and only at its commit. Opening
/// it here creates the folder and file and ends a torn last line, as the journal itself would.
/// </summary>
internal sealed class ErasureJournalOptionsValidator : IValidateOptions<ErasureJournalOptions>
{
    public ValidateOptionsResult Validate(string? name, ErasureJournalOptions options)
    {
        var path = Path.GetFullPath(options.Path);
        if (Directory.Exists(path))
        {
            return ValidateOptionsResult.Fail($"Ledger:ErasureJournal:Path: '{path}' is a folder; name the journal file.");
        }
        try
        {
            FileErasureJournal.OpenForAppend(path).Dispose();
            return ValidateOptionsResult.Success;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"Ledger:ErasureJournal:Path: the erasure journal '{path}' cannot be written ({exception.GetType().Name}).");
        }
    }
}
