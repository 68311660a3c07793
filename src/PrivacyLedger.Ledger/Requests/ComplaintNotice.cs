namespace PrivacyLedger.Ledger.Requests;

/// <summary>R13: every answer tells the person of the right to complain to the supervisory authority.</summary>
public static class ComplaintNotice
{
    public const string Text =
        "You have the right to lodge a complaint with the supervisory authority, the Office of the Data Protection Ombudsman " +
        "(Tietosuojavaltuutetun toimisto / Dataombudsmannens byrå), www.tietosuoja.fi, if you consider that the processing of your personal data infringes the GDPR.";
}
