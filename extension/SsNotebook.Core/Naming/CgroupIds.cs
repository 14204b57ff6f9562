namespace SsNotebook.Naming;

/// <summary>
/// A cgroup v2 path to its id, as ss (lib/fs.c get_cgroup2_id) finds it: the 8-byte file handle of the path as
/// given, or else of the path relative to the cgroup2 mount. Failures carry ss's message lines.
/// </summary>
internal static class CgroupIds
{
    /// <summary>The id, or null with the messages ss prints before "Cannot parse cgroup PATH.";
    /// <paramref name="findMount"/> is asked for the cgroup2 mount only when the path alone does not resolve (or is
    /// not to be tried: <paramref name="directly"/> false).</summary>
    public static ulong? Resolve(string path, List<string> messages, Func<string?> findMount, bool directly = true)
    {
        ulong? id;
        if (directly && TryHandle(LibC.AtFdCwd, path, out id, out _) is true)
        {
            return Checked(id, messages);
        }
        var relative = path.TrimStart('/');
        if (relative.Length == 0)
        {
            messages.Add("Invalid cgroup2 path");
            return null;
        }
        var mount = findMount();
        if (mount is null)
        {
            messages.Add("Failed to find cgroup2 mount");
            return null;
        }
        var directory = LibC.Open(mount, 0);
        if (directory < 0)
        {
            messages.Add("Failed to open cgroup2 mount");
            return null;
        }
        try
        {
            if (TryHandle(directory, relative, out id, out var error) is not true)
            {
                messages.Add($"Failed to get cgroup2 ID: {Marshal.GetPInvokeErrorMessage(error)}");
                return null;
            }
            return Checked(id, messages);
        }
        finally
        {
            LibC.Close(directory);
        }
    }

    private static ulong? Checked(ulong? id, List<string> messages)
    {
        if (id is null)
        {
            messages.Add("Invalid size of cgroup2 ID");
        }
        return id;
    }

    /// <summary>True with the id (null when the handle is not 8 bytes long), false with errno.</summary>
    private static unsafe bool? TryHandle(int directory, string path, out ulong? id, out int error)
    {
        // struct file_handle { u32 handle_bytes; int handle_type; u8 f_handle[8]; }
        var buffer = stackalloc byte[16];
        new Span<byte>(buffer, 16).Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(buffer, 4), 8);
        id = null;
        error = 0;
        if (LibC.NameToHandleAt(directory, path, buffer, out _, 0) < 0)
        {
            error = Marshal.GetLastPInvokeError();
            return false;
        }
        if (BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(buffer, 4)) == 8)
        {
            id = BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(buffer + 8, 8));
        }
        return true;
    }
}
