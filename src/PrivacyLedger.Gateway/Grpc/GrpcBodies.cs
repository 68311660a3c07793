using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using PrivacyLedger.Gateway.Contracts;
using PrivacyLedger.Ledger;

namespace PrivacyLedger.Gateway.Grpc;

/// <summary>
/// A gRPC request, turned into the HTTP/JSON body it mirrors, passes the very rules that body passes as it is read
/// (<see cref="BodyRules"/>: text limits and characters, list lengths): it is written and read back with the HTTP API's
/// serializer options, so there is one set of rules and one way of naming the field at fault.
/// </summary>
internal sealed class GrpcBodies(IOptions<JsonOptions> jsonOptions)
{
    private readonly JsonSerializerOptions _options = jsonOptions.Value.SerializerOptions;

    /// <exception cref="LedgerValidationException">The field at fault, in JSON names (the interceptor gives proto names).</exception>
    public T Checked<T>(T body) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(body, _options), _options)!;
        }
        catch (JsonException invalid)
        {
            var (field, message) = JsonErrors.Describe(invalid, typeof(T), _options, "body");
            throw new LedgerValidationException(field, message);
        }
    }
}
