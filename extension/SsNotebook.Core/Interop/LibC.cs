namespace SsNotebook.Interop;

/// <summary>
/// Every libc call of the core, bound with source-generated (AOT-safe) marshalling: netlink sockets and namespaces,
/// the /proc walk on directory descriptors, terminals, interface names and cgroup ids. Errors are errno values, read
/// with <see cref="Marshal.GetLastPInvokeError"/> and worded as ss's perror/strerror words them.
/// </summary>
internal static unsafe partial class LibC
{
    /// <summary>AF_NETLINK for socket(2) and sockaddr_nl (the one home of AF_* numbers is AddressFamilies).</summary>
    public const int AfNetlink = Sockets.AddressFamilies.Netlink;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;
    public const int SolSocket = 1;
    public const int SoSndbuf = 7;
    public const int SoRcvbuf = 8;
    public const int MsgTrunc = 0x20;

    public const int ORdOnly = 0;
    public const int OWrOnly = 1;
    public const int OCreat = 0x40;
    public const int OTrunc = 0x200;
    public const int ODirectory = 0x10000;
    public const int ONoFollow = 0x20000;
    public const int OCloexec = 0x80000;
    public const int AtFdCwd = -100;
    public const int CloneNewNet = 0x40000000;

    public const int Eperm = 1;
    public const int Enoent = 2;
    public const int Eintr = 4;
    public const int Eacces = 13;
    public const int Erange = 34;
    public const int Eopnotsupp = 95;

    /// <summary>syscall(2) with three arguments, for bpf(2), which libc does not wrap.</summary>
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    public static partial long Syscall3(long number, long argument1, void* argument2, long argument3);

    public const short PollIn = 0x1;

    public const int Sigint = 2;
    public const int Sigpipe = 13;
    public const int Sigterm = 15;

    /// <summary>SIG_DFL for <see cref="Signal"/>.</summary>
    public const nint SignalDefault = 0;

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "signal")]
    public static partial nint Signal(int signal, nint handler);

    [LibraryImport("libc", EntryPoint = "raise")]
    public static partial int Raise(int signal);

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, byte* address, int addressLength);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(int fd, byte* address, int addressLength);

    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    public static partial int GetSockName(int fd, byte* address, int* addressLength);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, int* value, int valueLength);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    public static partial nint SendTo(int fd, byte* buffer, nint length, int flags, byte* address, int addressLength);

    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    public static partial nint RecvFrom(int fd, byte* buffer, nint length, int flags, byte* address, int* addressLength);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(int fd, int namespaceType);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAt(int directoryFd, byte* path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "readlinkat", SetLastError = true)]
    public static partial nint ReadLinkAt(int directoryFd, byte* path, byte* buffer, nuint size);

    [LibraryImport("libc", EntryPoint = "getxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GetXattr(string path, string name, byte* value, nuint size);

    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    public static partial nint GetDents64(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Stat(string path, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "name_to_handle_at", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int NameToHandleAt(int directory, string path, byte* handle, out int mountId, int flags);

    [LibraryImport("libc", EntryPoint = "isatty")]
    public static partial int IsATty(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* argument);

    [LibraryImport("libc", EntryPoint = "if_nametoindex", StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint IfNameToIndex(string name);

    [LibraryImport("libc", EntryPoint = "if_indextoname")]
    public static partial nint IfIndexToName(uint index, ref byte name);

    [LibraryImport("libc", EntryPoint = "if_nameindex")]
    public static partial NameIndexEntry* IfNameIndex();

    [LibraryImport("libc", EntryPoint = "if_freenameindex")]
    public static partial void IfFreeNameIndex(NameIndexEntry* list);

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    /// <summary>struct if_nameindex.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct NameIndexEntry
    {
        public uint Index;
        public nint Name;
    }

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

    /// <summary>strerror text for an errno, as perror prints it.</summary>
    public static string ErrorText(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>strerror of the errno left by the last call made through this class.</summary>
    public static string LastErrorMessage() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
}
