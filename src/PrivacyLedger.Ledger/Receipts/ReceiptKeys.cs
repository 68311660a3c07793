using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PrivacyLedger.Jose;

namespace PrivacyLedger.Ledger.Receipts;

/// <summary>
/// The configured receipt keys, loaded once: the one that signs and the public keys of all, as the JWK Set
/// publishes them. In the Testing environment without configured keys, a key generated for this process signs.
/// </summary>
public sealed class ReceiptKeys : IDisposable
{
    public const string TestingEnvironment = "Testing";

    private readonly Dictionary<string, ECDsa> _keys = new(StringComparer.Ordinal);

    public ReceiptKeys(IOptions<ReceiptSigningOptions> options, IHostEnvironment environment)
    {
        var configured = options.Value.SigningKeys;
        if (configured.Count == 0 && environment.IsEnvironment(TestingEnvironment))
        {
            SigningKid = $"testing-{Guid.NewGuid():N}";
            _keys[SigningKid] = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        }
        else
        {
            for (var i = 0; i < configured.Count; i++)
            {
                _keys[configured[i].Kid] = SigningKeyMaterial.Load(configured[i], $"{ReceiptSigningOptionsValidator.Section}:{i}");
            }
            SigningKid = (configured.FirstOrDefault(key => key.Active) ?? configured[^1]).Kid;
        }
        Published = new JsonWebKeySet([.. _keys.Select(pair => EcJsonWebKey.FromKey(pair.Value, pair.Key))]);
    }

    /// <summary>The kid of the key that signs new receipts.</summary>
    public string SigningKid { get; }

    internal ECDsa SigningKey => _keys[SigningKid];

    /// <summary>Every key's public half, for <c>/.well-known/privacy-ledger/jwks.json</c>.</summary>
    public JsonWebKeySet Published { get; }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
