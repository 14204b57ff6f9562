using System.Runtime.InteropServices;

namespace SsNotebook.Processes;

/// <summary>The few libc calls that let the /proc walk work on directory descriptors (no path strings per file,
/// no exceptions) and that report errno the way ss's perror/strerror messages need.</summary>
internal static unsafe partial class Libc
{
    public const int ORdOnly = 0;
    public const int OWrOnly = 1;
    public const int OCreat = 0x40;
    public const int OTrunc = 0x200;
    public const int ODirectory = 0x10000;
    public const int OCloexec = 0x80000;
    public const int ONoFollow = 0x20000;
    public const int AtFdCwd = -100;

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAt(int directoryFd, byte* path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "readlinkat", SetLastError = true)]
    public static partial nint ReadLinkAt(int directoryFd, byte* path, byte* buffer, nuint size);

    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    public static partial nint GetDents64(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "isatty")]
    public static partial int IsATty(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* argument);

    /// <summary>open(2) on a path relative to <paramref name="directoryFd"/> (<paramref name="mode"/> for a file it
    /// creates); returns -1 and leaves errno on failure.</summary>
    public static int Open(int directoryFd, string path, int flags, int mode = 0)
    {
        // The path's bytes as the user gave them, undecodable ones included (RawArguments).
        var encoded = CommandLine.RawArguments.Encode(path);
        var bytes = new byte[encoded.Length + 1];
        encoded.CopyTo(bytes, 0);
        fixed (byte* pointer = bytes)
        {
            return OpenAt(directoryFd, pointer, flags | OCloexec, mode);
        }
    }

    /// <summary>strerror of the errno left by the last call made through this class.</summary>
    public static string LastErrorMessage() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
}
