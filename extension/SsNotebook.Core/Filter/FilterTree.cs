namespace SsNotebook.Filter;

/// <summary>
/// The walks over a filter's <c>and</c>/<c>or</c>/<c>not</c> nodes, none of them recursive. A flat
/// <c>a or b or c …</c> from a long -F file is a left-leaning tree as deep as it is long, and the parser allows
/// <see cref="FilterParser.MaxStackDepth"/> levels of nesting besides; recursion over either would overflow the
/// stack (which .NET cannot catch) on a small thread long before memory runs out.
/// </summary>
internal static class FilterTree
{
    /// <summary>Jump targets past the last leaf.</summary>
    private const int Accept = -1;
    private const int Reject = -2;

    /// <summary>
    /// The tree as a short-circuit jump program over its leaves (the shape of the kernel's bytecode): leaf i is
    /// tested, then evaluation continues at <c>True[i]</c> or <c>False[i]</c>, always a later leaf or an end.
    /// Evaluating it needs no stack and allocates nothing.
    /// </summary>
    public sealed class JumpProgram
    {
        // One array of steps rather than three parallel ones: a step's leaf and both targets share a cache line.
        private readonly Step[] _steps;

        private JumpProgram(Step[] steps) => _steps = steps;

        public bool Matches(Sockets.SocketRecord socket)
        {
            var at = 0;
            while (true)
            {
                ref readonly var step = ref _steps[at];
                at = step.Leaf.Matches(socket) ? step.OnTrue : step.OnFalse;
                if (at < 0)
                {
                    return at == Accept;
                }
            }
        }

        public static JumpProgram Build(SocketFilter root)
        {
            // Labels stand for "the first leaf of a subtree not emitted yet"; each is bound when that leaf is.
            var labels = new List<int> { 0 };
            var leaves = new List<SocketFilter>();
            var onTrue = new List<int>();
            var onFalse = new List<int>();
            var work = new Stack<(SocketFilter Node, int True, int False, int Start)>();
            work.Push((root, Accept, Reject, 0));
            while (work.Count > 0)
            {
                var (node, whenTrue, whenFalse, start) = work.Pop();
                switch (node)
                {
                    case NotFilter negation:
                        work.Push((negation.Operand, whenFalse, whenTrue, start));
                        break;
                    case AndFilter both:
                        var afterAndLeft = NewLabel(labels);
                        work.Push((both.Right, whenTrue, whenFalse, afterAndLeft));
                        work.Push((both.Left, afterAndLeft, whenFalse, start));
                        break;
                    case OrFilter either:
                        var afterOrLeft = NewLabel(labels);
                        work.Push((either.Right, whenTrue, whenFalse, afterOrLeft));
                        work.Push((either.Left, whenTrue, afterOrLeft, start));
                        break;
                    default:
                        labels[start] = leaves.Count;
                        leaves.Add(node);
                        onTrue.Add(whenTrue);
                        onFalse.Add(whenFalse);
                        break;
                }
            }
            var steps = new Step[leaves.Count];
            for (var i = 0; i < steps.Length; i++)
            {
                steps[i] = new Step(leaves[i], Resolve(labels, onTrue[i]), Resolve(labels, onFalse[i]));
            }
            return new JumpProgram(steps);
        }

        private readonly record struct Step(SocketFilter Leaf, int OnTrue, int OnFalse);

        private static int NewLabel(List<int> labels)
        {
            labels.Add(-1);
            return labels.Count - 1;
        }

        private static int Resolve(List<int> labels, int label) => label < 0 ? label : labels[label];
    }

    /// <summary>
    /// The tree as inet_diag bytecode, combined bottom-up as ss's ssfilter_bytecompile does; null when a leaf has
    /// no bytecode or the program would exceed <see cref="InetBytecode.MaxLength"/> (user space then filters alone).
    /// </summary>
    public static byte[]? CompileInetBytecode(SocketFilter root)
    {
        var work = new Stack<(SocketFilter Node, bool ChildrenDone)>();
        var results = new Stack<byte[]?>();
        work.Push((root, false));
        while (work.Count > 0)
        {
            var (node, childrenDone) = work.Pop();
            switch (node)
            {
                case NotFilter negation when !childrenDone:
                    work.Push((node, true));
                    work.Push((negation.Operand, false));
                    break;
                case AndFilter both when !childrenDone:
                    PushOperands(work, node, both.Left, both.Right);
                    break;
                case OrFilter either when !childrenDone:
                    PushOperands(work, node, either.Left, either.Right);
                    break;
                case NotFilter:
                    results.Push(results.Pop() is { } operand && operand.Length + 4 <= InetBytecode.MaxLength
                        ? InetBytecode.Not(operand) : null);
                    break;
                case AndFilter or OrFilter:
                    var right = results.Pop();
                    var left = results.Pop();
                    var isAnd = node is AndFilter;
                    results.Push(left is null || right is null || left.Length + right.Length + (isAnd ? 0 : 4) > InetBytecode.MaxLength
                        ? null
                        : isAnd ? InetBytecode.And(left, right) : InetBytecode.Or(left, right));
                    break;
                default:
                    results.Push(node.CompileInetBytecode() is { Length: <= InetBytecode.MaxLength } program ? program : null);
                    break;
            }
        }
        return results.Pop();
    }

    private static void PushOperands(Stack<(SocketFilter, bool)> work, SocketFilter node, SocketFilter left, SocketFilter right)
    {
        work.Push((node, true));
        work.Push((right, false));
        work.Push((left, false));
    }

    /// <summary>The canonical, fully parenthesised text of the tree (see <see cref="SocketFilter"/>); parentheses
    /// are words of their own, as ss's lexer needs them.</summary>
    public static string Print(SocketFilter root)
    {
        var text = new StringBuilder();
        var work = new Stack<object>();
        work.Push(root);
        while (work.Count > 0)
        {
            switch (work.Pop())
            {
                case string literal:
                    text.Append(literal);
                    break;
                case NotFilter negation:
                    work.Push(negation.Operand);
                    text.Append("not ");
                    break;
                case AndFilter both:
                    PushBinary(work, both.Left, " and ", both.Right);
                    text.Append("( ");
                    break;
                case OrFilter either:
                    PushBinary(work, either.Left, " or ", either.Right);
                    text.Append("( ");
                    break;
                case SocketFilter leaf:
                    text.Append(leaf.ToString());
                    break;
            }
        }
        return text.ToString();
    }

    private static void PushBinary(Stack<object> work, SocketFilter left, string operation, SocketFilter right)
    {
        work.Push(" )");
        work.Push(right);
        work.Push(operation);
        work.Push(left);
    }
}
