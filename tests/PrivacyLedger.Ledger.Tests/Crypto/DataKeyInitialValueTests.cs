using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using PrivacyLedger.Ledger.Crypto;

namespace PrivacyLedger.Ledger.Tests.Crypto;

/// <summary>The key wrap's initial value per subject is part of every stored key: it must stay what keys were wrapped with.</summary>
public sealed class DataKeyInitialValueTests
{
    [Theory]
    [InlineData("01a24fcf3cf17772a4933ee9635e3280")]
    [InlineData("s")]
    [InlineData("henkilö-ääkköset")]
    [InlineData("a-subject-id-longer-than-the-stack-buffer-of-two-hundred-and-fifty-six-bytes-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public void Is_the_first_64_bits_of_SHA_256_over_the_label_and_the_subject_id(string subjectId)
    {
        var expected = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("privacy-ledger/data-key/" + subjectId)));

        Assert.Equal(expected, DataKeyVault.InitialValueFor(subjectId));
    }
}
