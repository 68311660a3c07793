using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Orleans.Runtime;
using Orleans.Storage;
using PrivacyLedger.Grpc.V1;
using PrivacyLedger.Ledger;

namespace PrivacyLedger.Gateway.Grpc;

/// <summary>
/// A domain error as a gRPC status, mapped as problem+json maps it over HTTP: refused input is INVALID_ARGUMENT with
/// a <see cref="BadRequest"/> naming the field in proto names, a missing thing NOT_FOUND with <see cref="ResourceInfo"/>,
/// a contradiction FAILED_PRECONDITION with <see cref="PreconditionFailure"/>. Messages are the domain's, which never
/// hold personal data; anything unforeseen is INTERNAL with no message of its own.
/// </summary>
public sealed record GrpcFault(StatusCode Code, string Message, string Field = "", IMessage? Detail = null)
{
    /// <summary>The fault for an exception, or null for one that is not the caller's to see (answered INTERNAL).</summary>
    public static GrpcFault? From(Exception exception) => exception switch
    {
        LedgerValidationException invalid => Invalid(ProtoFieldPath.From(invalid.Field), invalid.Message),
        LedgerNotFoundException notFound => new(StatusCode.NotFound, notFound.Message, Detail: Resource(notFound.Message)),
        LedgerConflictException conflict => new(StatusCode.FailedPrecondition, conflict.Message,
            Detail: new PreconditionFailure { Violations = { new PreconditionFailure.Types.Violation { Type = "STATE", Description = conflict.Message } } }),
        InconsistentStateException => new(StatusCode.Aborted,
            "Another node changed this record at the same time; nothing was overwritten. Retry the call."),
        TimeoutException or OrleansMessageRejectionException or SiloUnavailableException => new(StatusCode.Unavailable,
            "The call could not be completed now and may or may not have taken effect; check, then retry shortly."),
        _ => null,
    };

    public static GrpcFault Invalid(string field, string message) =>
        new(StatusCode.InvalidArgument, message, field,
            new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = message } } });

    public RpcException ToRpcException()
    {
        var status = new Google.Rpc.Status { Code = (int)Code, Message = Message };
        if (Detail is not null)
        {
            status.Details.Add(Any.Pack(Detail));
        }
        return status.ToRpcException();
    }

    /// <summary>The fault as one item's outcome in a batch or stream; <paramref name="prefix"/> places its field.</summary>
    public ItemStatus ToItemStatus(string prefix = "") => new()
    {
        Code = (int)Code,
        Message = Message,
        Field = prefix.Length == 0 ? Field : ProtoFieldPath.Within(prefix, Field),
    };

    /// <summary>
    /// The domain says what was not found as "Subject 'id'", "A consent for purpose 'p'", "Register 'r'": the noun is
    /// the resource type, the quoted id its name.
    /// </summary>
    private static ResourceInfo Resource(string message)
    {
        var words = message.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var noun = words.Length > 1 && words[0] is "A" or "An" ? words[1] : words.FirstOrDefault() ?? "";
        var quoted = message.IndexOf('\'', StringComparison.Ordinal);
        var end = quoted < 0 ? -1 : message.IndexOf('\'', quoted + 1);
        return new ResourceInfo
        {
            ResourceType = noun.ToLowerInvariant(),
            ResourceName = end > quoted ? message[(quoted + 1)..end] : "",
            Description = message,
        };
    }
}
