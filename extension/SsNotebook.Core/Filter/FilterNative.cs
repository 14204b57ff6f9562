using System.Runtime.InteropServices;

namespace SsNotebook.Filter;

/// <summary>The libc calls the filter language needs: interface names and cgroup file handles.</summary>
internal static unsafe partial class FilterNative
{
    public const int AtFdCwd = -100;

    [LibraryImport("libc", EntryPoint = "if_nametoindex", StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint IfNameToIndex(string name);

    [LibraryImport("libc", EntryPoint = "name_to_handle_at", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int NameToHandleAt(int directory, string path, byte* handle, out int mountId, int flags);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int descriptor);
}
