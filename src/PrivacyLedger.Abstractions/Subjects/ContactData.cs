using System.ComponentModel.DataAnnotations;
using Orleans;
using Orleans.Concurrency;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>Contact data; every field optional.</summary>
[GenerateSerializer, Immutable, Alias("contact-data")]
public sealed record ContactData
{
    [Id(0), StringLength(FieldLimits.Name)] public string? GivenName { get; init; }
    [Id(1), StringLength(FieldLimits.Name)] public string? FamilyName { get; init; }
    [Id(2), StringLength(FieldLimits.Email)] public string? Email { get; init; }
    [Id(3), StringLength(FieldLimits.Phone)] public string? Phone { get; init; }
    [Id(4), StringLength(FieldLimits.Address), DataType(DataType.MultilineText)] public string? Address { get; init; }
    [Id(5), StringLength(FieldLimits.Language)] public string? Language { get; init; }

    /// <summary>Later values win; a field not given keeps its value.</summary>
    public ContactData MergedWith(ContactData update) => new()
    {
        GivenName = update.GivenName ?? GivenName,
        FamilyName = update.FamilyName ?? FamilyName,
        Email = update.Email ?? Email,
        Phone = update.Phone ?? Phone,
        Address = update.Address ?? Address,
        Language = update.Language ?? Language,
    };
}
