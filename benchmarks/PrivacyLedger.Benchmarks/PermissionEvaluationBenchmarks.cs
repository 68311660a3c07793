using BenchmarkDotNet.Attributes;
using PrivacyLedger.Ledger.Permissions;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Ledger.Subjects;

namespace PrivacyLedger.Benchmarks;

// The pure rule under every permission check (single or batch): direct marketing by e-mail, decided from the
// subject's state and the definitions of the registers it is in, as the subject grain passes them.
public class PermissionEvaluationBenchmarks
{
    private static readonly PermissionQuery DirectMarketingByEmail = new("direct-marketing", "email", null);
    private IReadOnlyDictionary<string, RegisterDefinition> _allRegisters = new Dictionary<string, RegisterDefinition>();
    private SubjectState _subject = new();
    private IReadOnlyDictionary<string, RegisterDefinition> _registers = new Dictionary<string, RegisterDefinition>();

    public enum Case
    {
        /// <summary>Member of one register whose purpose rests on legitimate interest: allowed.</summary>
        OneRegisterAllowed,
        /// <summary>Member of two registers, legitimate interest in one and consent given by e-mail in the other: allowed by both.</summary>
        TwoRegistersAllowed,
        /// <summary>Member of two registers, objected to direct marketing on every channel: denied (R3).</summary>
        TwoRegistersObjected,
        /// <summary>Member of the register where direct marketing needs consent, none given: denied (R4).</summary>
        ConsentMissing,
    }

    [ParamsAllValues]
    public Case Subject { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _allRegisters = SampleSubjects.LoadRegisters();
        _subject = Subject switch
        {
            Case.OneRegisterAllowed => SampleSubjects.Member("plusterveys-corporate"),
            Case.TwoRegistersAllowed or Case.TwoRegistersObjected => SampleSubjects.Member("perhelaakarit-customers", "pk-terveys-customers"),
            _ => SampleSubjects.Member("pk-terveys-customers"),
        };
        if (Subject == Case.TwoRegistersAllowed)
        {
            SampleSubjects.Consent(_subject, "direct-marketing", "email", "sms");
        }
        if (Subject == Case.TwoRegistersObjected)
        {
            SampleSubjects.Object(_subject, "direct-marketing");
        }
        // As the grain passes them: the definitions of the registers the subject is in.
        _registers = _subject.Memberships.Keys.ToDictionary(id => id, id => _allRegisters[id], StringComparer.Ordinal);
        var decision = PermissionEvaluator.Evaluate(_subject, DirectMarketingByEmail, _registers);
        Console.WriteLine($"// {Subject}: allowed {decision.Allowed}, reasons {string.Join(", ", decision.Reasons)}");
    }

    [Benchmark(Description = "PermissionEvaluator.Evaluate(direct-marketing, email)")]
    public PermissionDecision Evaluate() => PermissionEvaluator.Evaluate(_subject, DirectMarketingByEmail, _registers);
}
