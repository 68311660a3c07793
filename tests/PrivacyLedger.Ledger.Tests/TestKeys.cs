using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Tests;

/// <summary>Keys derived from a random master key, as a node with a fresh configuration has them.</summary>
internal static class TestKeys
{
    public static LedgerKeys Random() =>
        new(Options.Create(new LedgerOptions { MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));
}
