using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PrivacyLedger.Ledger;
using PrivacyLedger.Ledger.Requests;
using PrivacyLedger.Testing;

namespace PrivacyLedger.Gateway.Tests.OfficerConsole;

/// <summary>
/// The queue by due date as the console asks the domain for it (<see cref="RequestQueue.ByDueDateAsync"/>): order, keyset
/// pages, each filter and the counts; and the API's list unchanged by the registers its rows now carry.
/// </summary>
public abstract class ConsoleQueueTests : GatewayTestBase
{
    [Fact]
    public async Task The_queue_by_due_date_pages_by_keyset_and_filters_by_type_register_and_overdue()
    {
        var seed = new ConsoleSeed(Gateway);
        var (external, category) = await seed.ExternalRegisterAsync();
        var subjectId = await seed.EnrolAsync(ConsoleSeed.Corporate, "contact-person");
        var externalSubject = await seed.EnrolAsync(external, category);
        var overdue = await seed.RequestAsync("access", subjectId, daysAgo: 40, registers: [ConsoleSeed.Corporate]);
        var erasure = await seed.RequestAsync("erasure", subjectId, daysAgo: 10, registers: [ConsoleSeed.Corporate]);
        var objection = await seed.RequestAsync("objection", externalSubject, daysAgo: 3, registers: [external]);
        var unnamed = await seed.RequestAsync("access", externalSubject, daysAgo: 1);
        var cancelled = await seed.RequestAsync("restriction", subjectId, daysAgo: 2);
        var cancel = await Gateway.ClientFor("privacy-officer").PostAsJsonAsync($"/v1/requests/{cancelled}/cancellation", new { reason = "asked by mistake" });
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var queue = Gateway.Services.GetRequiredService<RequestQueue>();

        var first = await queue.ByDueDateAsync(new RequestQueueFilter(), after: null, limit: 2);
        var second = await queue.ByDueDateAsync(new RequestQueueFilter(), first.Next, limit: 2);
        var byRegister = await queue.ByDueDateAsync(new RequestQueueFilter(RegisterId: external), null, 10);
        var byType = await queue.ByDueDateAsync(new RequestQueueFilter(Type: RequestType.Erasure), null, 10);
        var late = await queue.ByDueDateAsync(new RequestQueueFilter(OverdueOnly: true), null, 10);
        var closed = await queue.ByDueDateAsync(new RequestQueueFilter(Status: RequestStatus.Cancelled), null, 10);
        var api = await Gateway.ClientFor("privacy-officer").GetFromJsonAsync<JsonObject>("/v1/requests");

        Assert.Equal([overdue, erasure], first.Items.Select(r => r.Request.RequestId));
        Assert.Equal([true, false], first.Items.Select(r => r.Overdue));
        Assert.Equal([objection, unnamed], second.Items.Select(r => r.Request.RequestId));
        Assert.Null(second.Next);
        // A request naming no register is not yet known to spare any, so it is listed under each.
        Assert.Equal([objection, unnamed], byRegister.Items.Select(r => r.Request.RequestId));
        Assert.Equal([erasure], byType.Items.Select(r => r.Request.RequestId));
        Assert.Equal([overdue], late.Items.Select(r => r.Request.RequestId));
        Assert.Equal([cancelled], closed.Items.Select(r => r.Request.RequestId));
        Assert.Equal(1, first.OverdueCount);
        var now = DateTimeOffset.UtcNow;
        var openDues = first.Items.Concat(second.Items).Where(r => !r.Overdue).Select(r => r.Request.DueAt);
        Assert.Equal(openDues.Count(due => due < RequestQueue.EndOfWeek(now)), first.DueThisWeekCount);
        Assert.Equal("after", Assert.Throws<LedgerValidationException>(() => queue.ByDueDateAsync(new RequestQueueFilter(), "not-a-cursor", 2).GetAwaiter().GetResult()).Field);
        // GET /v1/requests answers as before: its rows carry no registers.
        Assert.All(api!["items"]!.AsArray(), item => Assert.False(item!.AsObject().ContainsKey("registers")));
    }

    [Fact]
    public void The_week_ends_at_the_next_monday_midnight_utc()
    {
        Assert.Equal(DateTimeOffset.Parse("2026-12-07T00:00:00Z"), RequestQueue.EndOfWeek(DateTimeOffset.Parse("2026-12-06T23:59:00Z")));
        Assert.Equal(DateTimeOffset.Parse("2026-12-14T00:00:00Z"), RequestQueue.EndOfWeek(DateTimeOffset.Parse("2026-12-07T00:00:00Z")));
        Assert.Equal(DateTimeOffset.Parse("2026-12-07T00:00:00Z"), RequestQueue.EndOfWeek(DateTimeOffset.Parse("2026-12-02T12:00:00+02:00")));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresConsoleQueueTests(PostgresClusterFixture postgres) : ConsoleQueueTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => PostgresSettings(postgres);
}

public sealed class SqliteConsoleQueueTests : ConsoleQueueTests
{
    protected override IReadOnlyDictionary<string, string?> StorageSettings() => SqliteSettings();
}
