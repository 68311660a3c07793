using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PrivacyLedger.Ledger.Erasures;

/// <summary>
/// A file opened with O_APPEND, written with write(2) and made durable with fsync(2). .NET's FileMode.Append keeps its
/// own offset, so two writers of one file (two gateways of a test class, or nodes sharing the journal) overwrite each
/// other; with O_APPEND the kernel puts each write at the end, one whole batch of lines at a time.
/// </summary>
internal sealed class AppendOnlyFile : IDisposable
{
    // Linux's values (the gateway runs on Linux; see README).
    private const int WriteOnly = 0x1, Create = 0x40, Append = 0x400, CloseOnExec = 0x80000;
    private const int OwnerReadWrite = 0x180; // 0600: the journal names people pseudonymously, still nobody else's to read

    private readonly SafeFileHandle _handle;

    private AppendOnlyFile(SafeFileHandle handle) => _handle = handle;

    public static AppendOnlyFile Open(string path)
    {
        var descriptor = NativeOpen(System.Text.Encoding.UTF8.GetBytes(path + "\0"), WriteOnly | Create | Append | CloseOnExec, OwnerReadWrite);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open the file for appending: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}.");
        }
        return new AppendOnlyFile(new SafeFileHandle(descriptor, ownsHandle: true));
    }

    /// <summary>Appends the bytes at the end of the file, whoever else appends meanwhile.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        // A regular file takes a whole write at once; a short write (disk full) goes on where it stopped.
        while (!bytes.IsEmpty)
        {
            var written = NativeWrite(_handle, ref MemoryMarshal.GetReference(bytes), bytes.Length);
            if (written < 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error == InterruptedSystemCall)
                {
                    continue;
                }
                throw new IOException($"Cannot append to the erasure journal: {new Win32Exception(error).Message}.");
            }
            bytes = bytes[(int)written..];
        }
    }

    /// <summary>Returns once everything written is on disk.</summary>
    public void Flush()
    {
        if (NativeFsync(_handle) != 0)
        {
            throw new IOException($"Cannot flush the erasure journal to disk: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}.");
        }
    }

    public void Dispose() => _handle.Dispose();

    private const int InterruptedSystemCall = 4; // EINTR

    // DllImport with blittable arguments only (the path as NUL-terminated UTF-8): no unsafe code in the project.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeOpen(byte[] path, int flags, int mode);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint NativeWrite(SafeFileHandle handle, ref byte buffer, nint count);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeFsync(SafeFileHandle handle);
}
