namespace PrivacyLedger.Gateway.Tests;

/// <summary>A file of the given text in the temporary folder, deleted with the object.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string content)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pl-receipt-{Guid.NewGuid():N}");
        File.WriteAllText(Path, content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
