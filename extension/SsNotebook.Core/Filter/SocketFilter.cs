namespace SsNotebook.Filter;

/// <summary>A parsed ss filter expression: evaluated in user space on every socket, and compiled to
/// INET_DIAG_REQ_BYTECODE for inet dumps so the kernel does the selecting.</summary>
/// <remarks><see cref="object.ToString"/> gives a canonical, fully parenthesised form of the tree
/// (e.g. <c>( src 10.0.0.1/32:* and src *:22 )</c>) for tests and diagnostics. It is itself a filter that parses to
/// the same tree, except for what the language cannot say: <c>dev</c> and <c>cgroup</c> print their index and id,
/// a host name its addresses, and a chain nests one parenthesis per term (so one of 9,997 terms or more exceeds
/// the parser's depth).</remarks>
public abstract class SocketFilter
{
    /// <summary>True when <paramref name="socket"/> satisfies the expression (ss's run_ssfilter).</summary>
    public abstract bool Matches(SocketRecord socket);

    /// <summary>The expression as inet_diag bytecode ,
    /// or null when some part cannot be expressed in bytecode (user space then filters alone).</summary>
    public abstract byte[]? CompileInetBytecode();
}

/// <summary>An <c>and</c>, <c>or</c> or <c>not</c> node. Evaluation, compilation and printing walk the whole tree
/// without recursion, so no depth of nesting can overflow the stack.</summary>
public abstract class CompositeFilter : SocketFilter
{
    private FilterTree.JumpProgram? _program;

    /// <inheritdoc/>
    public sealed override bool Matches(SocketRecord socket) => (_program ??= FilterTree.JumpProgram.Build(this)).Matches(socket);

    /// <inheritdoc/>
    public sealed override byte[]? CompileInetBytecode() => FilterTree.CompileInetBytecode(this);

    /// <inheritdoc/>
    public sealed override string ToString() => FilterTree.Print(this);
}

/// <summary>Both operands hold (<c>and</c>, <c>&amp;&amp;</c>, <c>&amp;</c>, or two expressions side by side).</summary>
/// <param name="left">The expression before <c>and</c>.</param>
/// <param name="right">The expression after it.</param>
public sealed class AndFilter(SocketFilter left, SocketFilter right) : CompositeFilter
{
    /// <summary>The expression before <c>and</c>, evaluated first.</summary>
    public SocketFilter Left { get; } = left ?? throw new ArgumentNullException(nameof(left));

    /// <summary>The expression after <c>and</c>, evaluated only when <see cref="Left"/> holds.</summary>
    public SocketFilter Right { get; } = right ?? throw new ArgumentNullException(nameof(right));
}

/// <summary>Either operand holds (<c>or</c>, <c>||</c>, <c>|</c>).</summary>
/// <param name="left">The expression before <c>or</c>.</param>
/// <param name="right">The expression after it.</param>
public sealed class OrFilter(SocketFilter left, SocketFilter right) : CompositeFilter
{
    /// <summary>The expression before <c>or</c>, evaluated first.</summary>
    public SocketFilter Left { get; } = left ?? throw new ArgumentNullException(nameof(left));

    /// <summary>The expression after <c>or</c>, evaluated only when <see cref="Left"/> does not hold.</summary>
    public SocketFilter Right { get; } = right ?? throw new ArgumentNullException(nameof(right));
}

/// <summary>The operand does not hold (<c>not</c>, <c>!</c>; also how ss builds <c>!=</c>, <c>&gt;</c> and <c>&lt;</c>).</summary>
/// <param name="operand">The negated expression.</param>
public sealed class NotFilter(SocketFilter operand) : CompositeFilter
{
    /// <summary>The negated expression.</summary>
    public SocketFilter Operand { get; } = operand ?? throw new ArgumentNullException(nameof(operand));
}
