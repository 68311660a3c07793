using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Ledger.Identity;
using Orleans;
using Orleans.Runtime;
using PrivacyLedger.Storage;

namespace PrivacyLedger.Ledger.Subjects;

/// <summary>
/// Finds or creates the one subject behind a set of identifiers. Enrolment claims the identifiers' keyed
/// hashes for a subject id before the subject grain runs, so concurrent enrolments of one new person all
/// land on the subject whose claim won; identifiers already owned by two different subjects are a conflict.
/// </summary>
public sealed class SubjectDirectory(IGrainFactory grains, IdentifierIndex index, [FromKeyedServices(LedgerClock.Key)] TimeProvider timeProvider)
{
    private const int ClaimAttempts = 3;

    // GetGrain<T>(key) resolves T's interface and grain type by reflection on every call: 12.7% of the gateway's CPU
    // in batch checks (benchmarks/README.md, 2026-12-06). Both are resolved once and every reference made from them.
    private readonly Lazy<(GrainType Grain, GrainInterfaceType Interface)> _subjectTypes = new(() =>
    {
        var reference = (GrainReference)grains.GetGrain<ISubjectGrain>("type-probe");
        return (reference.GrainId.Type, reference.InterfaceType);
    });

    /// <summary>The subject grain of this id (a reference: the grain activates on its first call). Hot: every permission check.</summary>
    public ISubjectGrain Subject(string subjectId)
    {
        var (grainType, interfaceType) = _subjectTypes.Value;
        return (ISubjectGrain)grains.GetGrain(GrainId.Create(grainType, subjectId), interfaceType);
    }

    public async Task<EnrolmentOutcome> EnrolAsync(Enrolment enrolment, Actor actor, CancellationToken cancellationToken = default)
    {
        if (enrolment.Identifiers.Count == 0)
        {
            throw new LedgerValidationException("identifiers", "At least one identifier is required.");
        }
        var hashes = enrolment.Identifiers.Select(index.Hash).Distinct().ToList();
        enrolment = enrolment with { DirectMarketingSuppressed = await index.IsDirectMarketingSuppressedAsync(hashes, cancellationToken) };
        for (var attempt = 1; ; attempt++)
        {
            var known = Owners(await index.FindAsync(hashes, cancellationToken));
            if (known.Count > 1)
            {
                throw new LedgerConflictException("The identifiers belong to two different subjects.");
            }
            var subjectId = known.Count == 1 ? known[0] : NewSubjectId();
            var before = await index.FindAsync(hashes, cancellationToken);
            var claimed = Owners(await index.ClaimAsync(hashes, subjectId, cancellationToken));
            if (claimed.Count == 1)
            {
                try
                {
                    return await Subject(claimed[0]).EnrolAsync(enrolment, actor);
                }
                catch (Exception exception) when (exception is LedgerValidationException or LedgerNotFoundException or LedgerConflictException)
                {
                    // A refused enrolment links no new identifier to anyone.
                    await index.ReleaseAsync([.. hashes.Where(hash => !before.ContainsKey(hash))], claimed[0], cancellationToken);
                    throw;
                }
            }
            // Another enrolment claimed some of these identifiers for another new subject meanwhile: give back
            // what the fresh id took and try again, now finding the winner.
            if (known.Count == 0 && attempt < ClaimAttempts)
            {
                await index.ReleaseAsync(hashes, subjectId, cancellationToken);
                continue;
            }
            throw new LedgerConflictException("The identifiers belong to two different subjects.");
        }
    }

    /// <summary>The subject known by this identifier, or null.</summary>
    public async Task<string?> FindAsync(SubjectIdentifier identifier, CancellationToken cancellationToken = default)
    {
        var hash = index.Hash(identifier);
        var owners = await index.FindAsync([hash], cancellationToken);
        return owners.GetValueOrDefault(hash);
    }

    private static List<string> Owners(IReadOnlyDictionary<string, string> owners) =>
        [.. owners.Values.Distinct(StringComparer.Ordinal)];

    // Version 7 ids sort by creation time, which keeps index inserts local.
    private string NewSubjectId() => Guid.CreateVersion7(timeProvider.GetUtcNow()).ToString("N");
}
