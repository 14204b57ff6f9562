namespace SsNotebook.Processes;

/// <summary>The machine's SELinux labels: getxattr(2) for files, selinuxfs for the kernel's initial context.</summary>
internal sealed class SelinuxContextSource : ISecurityContextSource
{
    // A label longer than this is not one SELinux hands out; refusing it bounds what a strange file can make us hold.
    private const int MaximumLength = 64 * 1024;
    private const string KernelContextFile = "/sys/fs/selinux/initial_contexts/kernel";

    private SelinuxContextSource()
    {
    }

    /// <summary>The one instance (it holds nothing).</summary>
    public static SelinuxContextSource Instance { get; } = new();

    /// <inheritdoc/>
    public unsafe string? FileContext(string path)
    {
        Span<byte> small = stackalloc byte[256];
        nint length;
        fixed (byte* pointer = small)
        {
            length = LibC.GetXattr(path, "security.selinux", pointer, (nuint)small.Length);
        }
        if (length > 0)
        {
            return SecurityContextText.Decode(small[..(int)length]);
        }
        if (length == 0 || Marshal.GetLastPInvokeError() != LibC.Erange)
        {
            return null;
        }
        // Too long for the first try: ask for the size, then read it whole (it may change between the calls).
        var size = LibC.GetXattr(path, "security.selinux", null, 0);
        if (size <= 0 || size > MaximumLength)
        {
            return null;
        }
        var large = new byte[size];
        fixed (byte* pointer = large)
        {
            length = LibC.GetXattr(path, "security.selinux", pointer, (nuint)large.Length);
        }
        return length > 0 ? SecurityContextText.Decode(large.AsSpan(0, (int)length)) : null;
    }

    /// <inheritdoc/>
    public string? KernelInitialContext() => SecurityContextText.ReadFile(KernelContextFile, allowEmpty: true);
}
