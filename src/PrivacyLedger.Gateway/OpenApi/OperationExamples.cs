namespace PrivacyLedger.Gateway.OpenApi;

/// <summary>
/// A valid body for each operation that takes one, on the sample registers (pk-terveys-customers). The contract
/// tests send them, so they are kept true.
/// </summary>
internal static class OperationExamples
{
    public static readonly IReadOnlyDictionary<string, string> Bodies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["POST /v1/registers/{registerId}/members"] = """
            {"identifiers":[{"kind":"email","value":"maija.meikalainen@example.fi"},{"kind":"customer-number","value":"C-1001"}],
             "externalId":"crm-1001","contact":{"givenName":"Maija","familyName":"Meikäläinen","email":"maija.meikalainen@example.fi","language":"fi"},
             "categories":[{"id":"basic-data","collectedAt":"2026-01-15T09:00:00Z"}],"source":"customer-service","lastActivityAt":"2026-03-01T12:00:00Z"}
            """,
        ["PUT /v1/subjects/{subjectId}/consents/{purposeId}"] = """{"channels":["email","sms"],"source":"web-form","evidence":"form-2026-0042"}""",
        ["DELETE /v1/subjects/{subjectId}/consents/{purposeId}"] = """{"source":"web-form"}""",
        ["PUT /v1/subjects/{subjectId}/objections/{scope}"] = """{"channels":["phone"],"source":"customer-service","evidence":"call 2026-03-02"}""",
        ["DELETE /v1/subjects/{subjectId}/objections/{scope}"] = """{"source":"customer-service"}""",
        ["PUT /v1/subjects/{subjectId}/restrictions/{registerId}"] = """{"reason":"The person contests the accuracy of the data (Art. 18(1)(a))."}""",
        ["POST /v1/permissions/check"] = """{"purpose":"direct-marketing","channel":"email","register":"pk-terveys-customers","subjectIds":["0192f1a2b3c47d8e9f0a1b2c3d4e5f60"]}""",
        ["POST /v1/requests"] = """
            {"type":"access","subject":{"identifiers":[{"kind":"email","value":"maija.meikalainen@example.fi"}]},
             "registers":["pk-terveys-customers"],"receivedAt":"2026-03-02T08:30:00Z","channel":"web"}
            """,
        ["POST /v1/requests/{requestId}/verification"] = """{"method":"strong-electronic-identification","verifiedBy":"officer-anna"}""",
        ["POST /v1/requests/{requestId}/extension"] = """{"months":1,"reason":"The request covers twelve years of records in three systems."}""",
        ["POST /v1/requests/{requestId}/refusal"] = """{"reason":"excessive","explanation":"The fourth identical access request within a month."}""",
        ["POST /v1/requests/{requestId}/cancellation"] = """{"reason":"Withdrawn by the person by e-mail."}""",
        ["POST /v1/requests/{requestId}/tasks/{registerId}/confirmation"] = """{"confirmedBy":"billing-system","evidence":"Job 7781 removed the rows on 2026-03-05."}""",
        ["POST /v1/campaigns"] = """{"kind":"register-purge","registerId":"pk-terveys-customers","selector":{"inactiveSince":"2020-01-01T00:00:00Z"},"dryRun":true,"maxPerSecond":200}""",
        ["POST /v1/retention/sweeps"] = """{"dryRun":true,"registerId":"pk-terveys-customers"}""",
        ["POST /v1/erasures/reconcile"] = """{"dryRun":true}""",
    };

    /// <summary>Answers, by component schema name.</summary>
    public static readonly IReadOnlyDictionary<string, string> Answers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["EnrolResponse"] = """{"subjectId":"0192f1a2b3c47d8e9f0a1b2c3d4e5f60","created":true}""",
        ["PermissionDecision"] = """{"allowed":false,"reasons":["no-consent"]}""",
        ["BatchPermissionResponse"] = """{"results":[{"subjectId":"0192f1a2b3c47d8e9f0a1b2c3d4e5f60","allowed":true,"reasons":["consent"]},{"subjectId":"nobody","allowed":false,"reasons":["unknown-subject"]}]}""",
        ["VerificationResponse"] = """{"valid":true,"events":12,"head":"9f2c1e0b7a5d4c3b2a1908f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a"}""",
        ["CreatedRequest"] = """{"requestId":"0192f1a2b3c47d8e9f0a1b2c3d4e5f61","status":"received","dueAt":"2026-04-02T08:30:00+00:00"}""",
        ["CampaignUpload"] = """{"uploadId":"0192f1a2b3c47d8e9f0a1b2c3d4e5f63","count":2}""",
        ["ImportResponse"] = """{"rows":3,"created":1,"existing":1,"failed":1,"errors":[{"line":3,"field":"identifiers[0].value","detail":"Not a valid e-mail address."}],"errorsTruncated":false}""",
        ["MembersResponse"] = """{"items":[{"subjectId":"0192f1a2b3c47d8e9f0a1b2c3d4e5f60","externalId":"crm-1001","since":"2026-01-15T09:00:00+00:00"}],"next":"0192f1a2b3c47d8e9f0a1b2c3d4e5f60"}""",
        ["CampaignItemPage"] = """{"items":[{"subjectId":"0192f1a2b3c47d8e9f0a1b2c3d4e5f60","status":"erased"},{"subjectId":"0192f1a2b3c47d8e9f0a1b2c3d4e5f64","status":"held","note":"legal hold until 2031-12-31"}]}""",
        ["SweepReport"] = """{"dryRun":true,"registers":["pk-terveys-customers"],"subjectsExamined":1200,"expired":[{"registerId":"pk-terveys-customers","categoryId":"call-recordings","subjects":37,"external":false}]}""",
        ["ErasureReconciliation"] = """{"dryRun":true,"checked":60000,"liveKeys":12,"reshredded":0,"unreadableLines":0}""",
    };

    /// <summary>Bodies that are not JSON documents: JSON Lines and plain text.</summary>
    public static readonly IReadOnlyDictionary<string, string> TextBodies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["POST /v1/imports"] = """
            {"registerId":"pk-terveys-customers","identifiers":[{"kind":"email","value":"a.virtanen@example.fi"}],"categories":[{"id":"basic-data"}]}
            {"registerId":"pk-terveys-customers","identifiers":[{"kind":"customer-number","value":"C-2002"}],"contact":{"givenName":"Bo","familyName":"Ek"}}
            """,
        ["POST /v1/campaigns/uploads"] = "0192f1a2b3c47d8e9f0a1b2c3d4e5f60\n0192f1a2b3c47d8e9f0a1b2c3d4e5f61\n",
    };
}
