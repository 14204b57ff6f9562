using SsNotebook.Sockets;

namespace SsNotebook.Filter;

/// <summary>A parsed ss filter expression: evaluated in user space on every socket, and compiled to
/// INET_DIAG_REQ_BYTECODE for inet dumps so the kernel does the selecting.</summary>
/// <remarks><see cref="object.ToString"/> gives a canonical, fully parenthesised form of the tree
/// (e.g. <c>(src 10.0.0.1/32:* and sport = 22)</c>) for tests and diagnostics.</remarks>
public abstract class SocketFilter
{
    /// <summary>True when <paramref name="socket"/> satisfies the expression (ss's run_ssfilter).</summary>
    public abstract bool Matches(SocketRecord socket);

    /// <summary>The expression as inet_diag bytecode ,
    /// or null when some part cannot be expressed in bytecode (user space then filters alone).</summary>
    public abstract byte[]? CompileInetBytecode();
}

/// <summary>Both operands hold (<c>and</c>, <c>&amp;&amp;</c>, <c>&amp;</c>, or two expressions side by side).</summary>
public sealed class AndFilter(SocketFilter left, SocketFilter right) : SocketFilter
{
    public SocketFilter Left { get; } = left;

    public SocketFilter Right { get; } = right;

    public override bool Matches(SocketRecord socket) => Left.Matches(socket) && Right.Matches(socket);

    public override byte[]? CompileInetBytecode() =>
        Left.CompileInetBytecode() is { } left && Right.CompileInetBytecode() is { } right ? InetBytecode.And(left, right) : null;

    public override string ToString() => $"({Left} and {Right})";
}

/// <summary>Either operand holds (<c>or</c>, <c>||</c>, <c>|</c>).</summary>
public sealed class OrFilter(SocketFilter left, SocketFilter right) : SocketFilter
{
    public SocketFilter Left { get; } = left;

    public SocketFilter Right { get; } = right;

    public override bool Matches(SocketRecord socket) => Left.Matches(socket) || Right.Matches(socket);

    public override byte[]? CompileInetBytecode() =>
        Left.CompileInetBytecode() is { } left && Right.CompileInetBytecode() is { } right ? InetBytecode.Or(left, right) : null;

    public override string ToString() => $"({Left} or {Right})";
}

/// <summary>The operand does not hold (<c>not</c>, <c>!</c>; also how ss builds <c>!=</c>, <c>&gt;</c> and <c>&lt;</c>).</summary>
public sealed class NotFilter(SocketFilter operand) : SocketFilter
{
    public SocketFilter Operand { get; } = operand;

    public override bool Matches(SocketRecord socket) => !Operand.Matches(socket);

    public override byte[]? CompileInetBytecode() => Operand.CompileInetBytecode() is { } operand ? InetBytecode.Not(operand) : null;

    public override string ToString() => $"not {Operand}";
}
