namespace SsNotebook.Fuzz;

/// <summary>
/// One parser of untrusted input, driven by arbitrary bytes. <see cref="Run"/> feeds the bytes through the same code
/// a real input takes (parse, then everything that consumes the parsed result: evaluation, text). Its contract:
/// exceptions of the types <see cref="IsRejection"/> accepts are the parser's documented way of refusing an input;
/// any other exception, a hang or a crash of the process is a finding.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The name run.sh and smoke.sh take, also the folder of its seed corpus.</summary>
    public abstract string Name { get; }

    /// <summary>The contract in one sentence, for reports.</summary>
    public abstract string Contract { get; }

    /// <summary>Words the mutator splices into text inputs (keywords, operators, separators).</summary>
    public virtual IReadOnlyList<string> Dictionary => [];

    /// <summary>True for an exception that is the parser's documented rejection of <paramref name="exception"/>'s input.</summary>
    public virtual bool IsRejection(Exception exception) => false;

    public abstract void Run(ReadOnlySpan<byte> input);

    /// <summary>Runs <paramref name="input"/>, swallowing only documented rejections: what escapes is a finding.</summary>
    public bool RunChecked(ReadOnlySpan<byte> input)
    {
        try
        {
            Run(input);
            return true;
        }
        catch (Exception exception) when (IsRejection(exception))
        {
            return false;
        }
    }
}
