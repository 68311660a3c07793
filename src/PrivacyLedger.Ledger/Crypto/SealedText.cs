namespace PrivacyLedger.Ledger.Crypto;

public static class SealedText
{
    /// <summary>
    /// What a required text field shows when it cannot be opened (the person's data key was destroyed): empty, so the
    /// record around it (a verification's method and date, a confirmation's date) still shows, and nothing fails.
    /// </summary>
    public const string Unreadable = "";
}
