using SsNotebook.Filter;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Support;

/// <summary>A user-space-only filter for tests: a predicate, no bytecode unless given.</summary>
public sealed class LambdaFilter(Func<SocketRecord, bool> predicate, byte[]? bytecode = null) : SocketFilter
{
    public int Calls { get; private set; }

    public override bool Matches(SocketRecord socket)
    {
        Calls++;
        return predicate(socket);
    }

    public override byte[]? CompileInetBytecode() => bytecode;
}
