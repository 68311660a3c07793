using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Benchmarks;

// A data key wrapped and unwrapped as each import wraps one and each activation unwraps one: AES-GCM with a prepared key
// (60 bytes, as before storage schema 8) beside the AES key wrap on prepared ECB transforms (40 bytes, now), and the key
// wrap on Aes.EncryptEcb/DecryptEcb, which prepares the key on every block (what AesKeyWrap avoids); and an import's range
// of keys wrapped together, one ECB call per step for all of them.
public class KeyWrapBenchmarks
{
    private const string SubjectId = "0193a5b2c4d87e6f9a1b2c3d4e5f6a7b";
    private readonly byte[] _associatedData = Encoding.UTF8.GetBytes(SubjectId);
    private byte[] _dataKey = [];
    private AesGcm _gcm = null!;
    private AesKeyWrap _keyWrap = null!;
    private Aes _ecb = null!;
    private byte[] _gcmWrapped = [];
    private byte[] _keyWrapped = [];
    private const int Together = 256;
    private List<byte[]> _together = [];
    private ulong[] _togetherInitialValues = [];

    [GlobalSetup]
    public void Setup()
    {
        var kek = RandomNumberGenerator.GetBytes(32);
        _dataKey = RandomNumberGenerator.GetBytes(32);
        _gcm = new AesGcm(kek, AuthenticatedCipher.TagSize);
        _keyWrap = new AesKeyWrap(kek);
        _ecb = Aes.Create();
        _ecb.Key = kek;
        _gcmWrapped = AuthenticatedCipher.Encrypt(_gcm, _dataKey, _associatedData);
        _keyWrapped = _keyWrap.Wrap(_dataKey, DataKeyVault.InitialValueFor(SubjectId));
        _together = [.. Enumerable.Range(0, Together).Select(_ => RandomNumberGenerator.GetBytes(32))];
        _togetherInitialValues = [.. Enumerable.Range(0, Together).Select(i => DataKeyVault.InitialValueFor($"{SubjectId}{i}"))];
    }

    [Benchmark(Baseline = true, Description = "Wrap: AES-GCM (before)")]
    public byte[] WrapGcm() => AuthenticatedCipher.Encrypt(_gcm, _dataKey, _associatedData);

    [Benchmark(Description = "Wrap: AES key wrap, with the subject's initial value")]
    public byte[] WrapKeyWrap() => _keyWrap.Wrap(_dataKey, DataKeyVault.InitialValueFor(SubjectId));

    [Benchmark(OperationsPerInvoke = Together, Description = "Wrap: AES key wrap, 256 keys together as an import's range wraps them (per key)")]
    public byte[][] WrapTogether() => _keyWrap.WrapAll(_together, _togetherInitialValues);

    [Benchmark(Description = "Unwrap: AES-GCM (before)")]
    public byte[] UnwrapGcm() => AuthenticatedCipher.Decrypt(_gcm, _gcmWrapped, _associatedData);

    [Benchmark(Description = "Unwrap: AES key wrap, with the subject's initial value")]
    public byte[] UnwrapKeyWrap() => _keyWrap.Unwrap(_keyWrapped, DataKeyVault.InitialValueFor(SubjectId));

    [Benchmark(Description = "Unwrap: the key wrap's 24 blocks on Aes.DecryptEcb (not used)")]
    public byte[] UnwrapOneShotBlocks()
    {
        Span<byte> block = stackalloc byte[16];
        for (var i = 0; i < 24; i++)
        {
            _ecb.DecryptEcb(block, block, PaddingMode.None);
        }
        return _dataKey;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _gcm.Dispose();
        _keyWrap.Dispose();
        _ecb.Dispose();
    }
}
