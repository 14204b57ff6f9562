using Microsoft.DotNet.Interactive.Parsing;

namespace SsNotebook.Interactive;

/// <summary>
/// Every use of a .NET Interactive internal, in one place: the kernel layer needs three things the package does not
/// expose, each pinned by the exact package version (1.0.0-beta.26120.1) and each guarded by a test
/// (InteractiveShimsTests) that fails when an upgrade changes its shape.
/// <list type="bullet">
/// <item>the type of the command the submission parser makes for a selector line declared in a child kernel
/// (<see cref="IsDirectiveCommand"/>): internal, so recognised by name;</item>
/// <item>that command's directive text (<see cref="DirectiveText"/>): not exposed, but its <c>ToString()</c> is
/// "Directive: " followed by the line;</item>
/// <item>the root parser's cache of known kernels (<see cref="ForgetParsedKernels"/>): only the non-public
/// <c>SubmissionParser.ResetParser</c> clears it.</item>
/// </list>
/// </summary>
internal static class InteractiveShims
{
    /// <summary>The full name of the internal directive command.</summary>
    internal const string DirectiveCommandTypeName = "Microsoft.DotNet.Interactive.Commands.DirectiveCommand";

    /// <summary>What that command's <c>ToString()</c> puts before the directive line.</summary>
    internal const string DirectiveTextPrefix = "Directive: ";

    /// <summary>The name of the non-public, parameterless instance method that empties the parser's kernel cache.</summary>
    internal const string ResetParserMethodName = "ResetParser";

    /// <summary>True when <paramref name="command"/> is the parser's command for a directive line.</summary>
    public static bool IsDirectiveCommand(KernelCommand command) => command.GetType().FullName == DirectiveCommandTypeName;

    /// <summary>The directive line a directive command carries (trailing line break removed), or null when its text
    /// is not in the expected shape.</summary>
    public static string? DirectiveText(KernelCommand command)
    {
        var text = command.ToString() ?? "";
        return text.StartsWith(DirectiveTextPrefix, StringComparison.Ordinal) ? text[DirectiveTextPrefix.Length..].TrimEnd('\r', '\n') : null;
    }

    /// <summary>The parser's reset method, or null when the package no longer has it.</summary>
    internal static MethodInfo? ResetParserMethod =>
        typeof(SubmissionParser).GetMethod(ResetParserMethodName, BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);

    /// <summary>Makes <paramref name="root"/>'s submission parser forget the kernels it cached, so a selector added
    /// after the first submission is known.</summary>
    public static void ForgetParsedKernels(CompositeKernel root)
    {
        var reset = ResetParserMethod
            ?? throw new InvalidOperationException("SsNotebook needs Microsoft.DotNet.Interactive 1.0.0-beta.26120.1 (SubmissionParser.ResetParser not found)");
        reset.Invoke(root.SubmissionParser, null);
    }
}
