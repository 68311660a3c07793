using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Ledger.Crypto;
using PrivacyLedger.Ledger.Registers;
using PrivacyLedger.Storage;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests;

/// <summary>
/// A register's member listing (<c>GET /v1/registers/{id}/members</c>) shows the external ids its members' states hold,
/// while the entries hold none: after an enrolment, an import, a rectification and an erasure from one register, for
/// entries an earlier version stored with their own sealed copy, a page costing one state batch and one key lookup;
/// on both engines (<see cref="PostgresMemberListTests"/>, <see cref="SqliteMemberListTests"/>).
/// </summary>
public abstract class MemberListTests(ClassGateway shared) : CampaignTestBase
{
    protected override ClassGateway Shared => shared;

    private HttpClient Admin => Gateway.ClientFor("admin");

    private StorageCalls Calls => Gateway.Services.GetRequiredService<StorageCalls>();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<StorageCalls>();
        Record<IGrainStateStore>(services);
        Record<IUniqueIndexStore>(services);
    }

    [Fact]
    public async Task Members_list_the_external_ids_their_states_hold_after_enrolment_import_and_rectification()
    {
        var registerId = await NewRegisterAsync();
        var (enrolledEmail, importedEmail) = (Email(), Email());
        var enrolled = await EnrolWithAsync(registerId, enrolledEmail, "crm-1", HttpStatusCode.Created);
        var import = await Admin.PostAsync("/v1/imports", new StringContent(string.Join('\n',
            ImportLine(registerId, importedEmail, "imp-1"), ImportLine(registerId, Email(), "imp-2"), ImportLine(registerId, Email(), null)) + "\n",
            Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(3, (await import.Content.ReadFromJsonAsync<JsonObject>())!["created"]!.GetValue<long>());

        // Rectified: the person enrolled one by one, and one the import created in bulk.
        await EnrolWithAsync(registerId, enrolledEmail, "crm-2", HttpStatusCode.OK);
        var imported = await EnrolWithAsync(registerId, importedEmail, "imp-1b", HttpStatusCode.OK);
        Calls.Clear();
        var listed = await ListAsync(registerId);

        Assert.Equal(4, listed.Count);
        Assert.Equal("crm-2", listed[enrolled]);
        Assert.Equal("imp-1b", listed[imported]);
        Assert.Equal([null, "crm-2", "imp-1b", "imp-2"], listed.Values.Order());
        // One batch of the states that hold external ids, one lookup of the keys: not a call per member.
        var withExternalIds = listed.Where(m => m.Value is not null).Select(m => m.Key).Order().ToList();
        Assert.Equal([withExternalIds], Calls.SubjectStateReads().Select(keys => keys.Order().ToList()));
        Assert.Equal([withExternalIds], Calls.DataKeyLookups().Select(keys => keys.Order().ToList()));
        // The entries themselves: format 2, flags, since and last activity, no ciphertext (format 1 added the external id's, 41+ bytes).
        var entries = await Gateway.Services.GetRequiredService<IOrderedSetStore>().ListAsync(RegisterMembers.SetFor(registerId), null, 10);
        Assert.All(entries, entry => Assert.Equal(2 + 8 + 8, entry.Payload.Length));
        Assert.All(entries, entry => Assert.Equal(StoredMemberEntryCodec.Version2, entry.Payload[0]));
    }

    [Fact]
    public async Task A_member_erased_from_one_register_leaves_its_list_and_keeps_the_external_id_in_the_other_until_the_key_is_gone()
    {
        var (erasedFrom, keptIn) = (await NewRegisterAsync(), await NewRegisterAsync());
        var email = Email();
        var subjectId = await EnrolWithAsync(erasedFrom, email, "gone-1", HttpStatusCode.Created);
        await EnrolWithAsync(keptIn, email, "kept-1", HttpStatusCode.OK);
        var created = await Gateway.ClientFor("service").PostAsJsonAsync("/v1/requests",
            new { type = "erasure", subject = new { subjectId }, registers = new[] { erasedFrom }, channel = "email" });
        var requestId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();
        var officer = Gateway.ClientFor("privacy-officer");
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/v1/requests/{requestId}/verification",
            new { method = "strong-electronic-identification", verifiedBy = "officer-anna" })).StatusCode);
        Assert.True(await Eventually.TrueAsync(async () =>
            (await officer.GetFromJsonAsync<JsonObject>($"/v1/requests/{requestId}"))!["status"]!.GetValue<string>() == "completed"));

        Assert.Empty(await ListAsync(erasedFrom));
        Assert.Equal(new Dictionary<string, string?> { [subjectId] = "kept-1" }, await ListAsync(keptIn));

        Assert.True(await Gateway.Services.GetRequiredService<DataKeyVault>().DestroyAsync(subjectId));
        Assert.Equal(new Dictionary<string, string?> { [subjectId] = null }, await ListAsync(keptIn));
    }

    [Fact]
    public async Task An_entry_stored_with_its_own_sealed_external_id_lists_it_without_reading_the_state()
    {
        var registerId = await NewRegisterAsync();
        var subjectId = await EnrolWithAsync(registerId, Email(), "crm-1", HttpStatusCode.Created);
        var since = (await Admin.GetFromJsonAsync<JsonObject>($"/v1/registers/{registerId}/members"))!["items"]![0]!["since"]!.GetValue<DateTimeOffset>();
        // As format 1 stored it: the entry's own copy of the external id, sealed under the person's key, committed with the state.
        using var sealer = new FieldSealer(subjectId, (await Gateway.Services.GetRequiredService<DataKeyVault>().TryGetAsync(subjectId))!);
        byte[] earlier = [0x01, 0x01, .. BitConverter.GetBytes(since.UtcTicks), .. sealer.Seal("crm-1", SealedFields.MembershipExternalId)];
        var store = Gateway.Services.GetRequiredService<IGrainStateStore>();
        var key = new GrainKey("subject", subjectId);
        var state = (await store.ReadAsync(key))!;
        var written = await store.WriteAsync([new StateWrite(key, state.Version, state.Payload) { SetChanges = [new SetEntryChange(RegisterMembers.SetFor(registerId), subjectId, earlier)] }]);
        Assert.False(written[0].IsConflict);
        Calls.Clear();

        var listed = await ListAsync(registerId);

        Assert.Equal(new Dictionary<string, string?> { [subjectId] = "crm-1" }, listed);
        Assert.Empty(Calls.SubjectStateReads());
        Assert.Single(Calls.DataKeyLookups());
    }

    private static string Email() => $"m-{Guid.NewGuid():N}@example.fi";

    private static string ImportLine(string registerId, string email, string? externalId) => JsonSerializer.Serialize(new
    {
        registerId,
        identifiers = new[] { new { kind = "email", value = email } },
        externalId,
        categories = new[] { new { id = "contact-person" } },
    });

    private async Task<string> EnrolWithAsync(string registerId, string email, string externalId, HttpStatusCode expected)
    {
        var response = await Gateway.ClientFor("service").PostAsJsonAsync($"/v1/registers/{registerId}/members", new
        {
            identifiers = new[] { new { kind = "email", value = email } },
            externalId,
            categories = new[] { new { id = "contact-person" } },
        });
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["subjectId"]!.GetValue<string>();
    }

    /// <summary>The register's members (one page) and the external id each lists with.</summary>
    private async Task<Dictionary<string, string?>> ListAsync(string registerId)
    {
        var page = await Gateway.ClientFor("privacy-officer").GetFromJsonAsync<JsonObject>($"/v1/registers/{registerId}/members?limit=100");
        return page!["items"]!.AsArray().ToDictionary(m => m!["subjectId"]!.GetValue<string>(), m => m!["externalId"]?.GetValue<string>());
    }

    private static void Record<TService>(IServiceCollection services) where TService : class
    {
        var engine = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(engine);
        services.AddSingleton(provider => RecordingProxy<TService>.Create(
            (TService)ActivatorUtilities.CreateInstance(provider, engine.ImplementationType!), provider.GetRequiredService<StorageCalls>()));
    }
}

/// <summary>The storage calls made, by method and arguments: what a listing costs.</summary>
public sealed class StorageCalls
{
    private readonly ConcurrentQueue<(string Method, object?[] Arguments)> _calls = new();

    public void Add(string method, object?[] arguments) => _calls.Enqueue((method, arguments));

    public void Clear() => _calls.Clear();

    /// <summary>Each batched state read that asked for subjects, with the subjects it asked for.</summary>
    public List<List<string>> SubjectStateReads() =>
        [.. _calls.Where(call => call.Method == nameof(IGrainStateStore.ReadManyAsync)).Select(call => ((IReadOnlyList<GrainKey>)call.Arguments[0]!)
            .Where(key => key.Type == "subject").Select(key => key.Key).ToList()).Where(keys => keys.Count > 0)];

    /// <summary>Each lookup of data keys, with the subjects it looked up.</summary>
    public List<List<string>> DataKeyLookups() =>
        [.. _calls.Where(call => call.Method == nameof(IUniqueIndexStore.GetAsync) && (string?)call.Arguments[0] == UniqueIndexes.DataKeys)
            .Select(call => ((IReadOnlyCollection<string>)call.Arguments[1]!).ToList())];
}

/// <summary>Forwards every call to the engine's store and records it in <see cref="StorageCalls"/>.</summary>
public class RecordingProxy<TService> : DispatchProxy where TService : class
{
    private TService _inner = null!;
    private StorageCalls _calls = null!;

    public static TService Create(TService inner, StorageCalls calls)
    {
        var proxy = Create<TService, RecordingProxy<TService>>();
        var recording = (RecordingProxy<TService>)(object)proxy;
        (recording._inner, recording._calls) = (inner, calls);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        _calls.Add(targetMethod!.Name, args ?? []);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMemberListTests(PostgresClusterFixture postgres, ClassGateway shared) : MemberListTests(shared), IClassFixture<ClassGateway>
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteMemberListTests(ClassGateway shared) : MemberListTests(shared), IClassFixture<ClassGateway>
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
