using SsNotebook.Filter;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Support;

/// <summary>A user-space-only filter for tests: a predicate, no bytecode unless given.</summary>
public sealed class LambdaFilter(Func<SocketRecord, bool> predicate, byte[]? bytecode = null) : SocketFilter
{
    private int _calls;

    public int Calls => _calls;

    public override bool Matches(SocketRecord socket)
    {
        Interlocked.Increment(ref _calls);
        return predicate(socket);
    }

    public override byte[]? CompileInetBytecode() => bytecode;
}
