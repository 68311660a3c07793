using PrivacyLedger.Benchmarks.Shared;
using PrivacyLedger.Ledger.Identity;
using PrivacyLedger.Ledger.Chain;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Benchmarks;

/// <summary>Subject states shaped like the load test's seeded people, and the sample registers' definitions.</summary>
internal static class SampleSubjects
{
    public static readonly DateTimeOffset At = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    public static IReadOnlyDictionary<string, RegisterDefinition> LoadRegisters() =>
        RegisterDefinitionReader.LoadFolder(SampleRegisters.FindFolder()).ToDictionary(register => register.Id, StringComparer.Ordinal);

    /// <summary>A person with an e-mail identifier, contact data, one category in each of <paramref name="registerIds"/>, and five ledger events.</summary>
    public static SubjectState Member(params string[] registerIds)
    {
        var state = new SubjectState
        {
            SubjectId = "0193a1b2c3d4e5f60718293a4b5c6d7e",
            CreatedAt = At.AddYears(-2),
            Identifiers = [new StoredIdentifier(IdentifierKind.Email, new string('a', 64), "person42@load-test.example", null)],
            Contact = new ContactData { GivenName = "Aino", FamilyName = "Virtanen", Email = "person42@load-test.example", Phone = "+358400000042", Language = "fi" },
            LedgerSeq = 5,
            LedgerHead = new string('b', 64),
        };
        foreach (var registerId in registerIds)
        {
            state.Memberships[registerId] = new Membership("LT-42", At.AddYears(-2), At.AddDays(-30), "load-test",
                new Dictionary<string, CategoryRecord>(StringComparer.Ordinal) { ["basic-data"] = new CategoryRecord(At.AddYears(-2)) });
        }
        return state;
    }

    public static void Consent(SubjectState state, string purposeId, params string[] channels) =>
        state.Consents[purposeId] = new ConsentRecord([.. channels], "load-test", "load test", At);

    public static void Object(SubjectState state, string scope) =>
        state.Objections[scope] = new ObjectionRecord([], "data-subject", null, At);

    /// <summary>The type of the event a consent grant appends.</summary>
    public static string EventType => LedgerEventTypes.ConsentGranted;
}
