namespace SsNotebook.Netlink;

/// <summary>
/// A netlink failure: a system call that failed or an NLMSG_ERROR / negative NLMSG_DONE from the kernel.
/// <see cref="Errno"/> is the positive errno (0 when the failure is a malformed reply rather than an errno).
/// </summary>
internal sealed class NetlinkException(int errno, string message) : Exception(message)
{
    public int Errno { get; } = errno;

    public static NetlinkException FromErrno(int errno, string operation) =>
        new(errno, $"{operation}: {LibC.ErrorText(errno)}");
}
