using SsNotebook.Sockets;

namespace SsNotebook.Filter;

/// <summary>A parsed ss filter expression: evaluated in user space on every socket, and compiled to
/// INET_DIAG_REQ_BYTECODE for inet dumps so the kernel does the selecting.</summary>
public abstract class SocketFilter
{
    /// <summary>True when <paramref name="socket"/> satisfies the expression (ss's run_ssfilter).</summary>
    public abstract bool Matches(SocketRecord socket);

    /// <summary>The expression as inet_diag bytecode ,
    /// or null when some part cannot be expressed in bytecode (user space then filters alone).</summary>
    public abstract byte[]? CompileInetBytecode();
}
