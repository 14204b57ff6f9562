namespace SsNotebook.Processes;

/// <summary>
/// The SELinux labels that -Z and -z show and that do not live under PROC_ROOT: a file's label (libselinux's
/// getfilecon, which follows a /proc/PID/fd/N link to the socket) and the kernel's initial context. Tests supply
/// their own; <see cref="SelinuxContextSource"/> asks the machine.
/// </summary>
internal interface ISecurityContextSource
{
    /// <summary>The label of the file <paramref name="path"/> leads to (its "security.selinux" attribute, links
    /// followed), or null when it cannot be read.</summary>
    string? FileContext(string path);

    /// <summary>The kernel's initial context (what ss shows for netlink port 0), or null when it cannot be read.</summary>
    string? KernelInitialContext();
}
