using System.Text.RegularExpressions;

namespace SsNotebook.Interactive;

/// <summary>
/// .NET Interactive's value tokens in ss lines: <c>@csharp:port</c> anywhere in a word
/// (<c>#!ss -tin dport = :@csharp:port</c>) becomes the value of C# variable <c>port</c>, asked of that kernel
/// with a <see cref="RequestValue"/> as the tool's own directive parser asks (the value's invariant text, or its
/// text/plain form when it lives in another process). Only names of kernels that exist are tokens, so an abstract
/// unix name such as <c>@/tmp/x</c> or <c>@foo</c> stays as written.
/// </summary>
internal static partial class ValueTokens
{
    [GeneratedRegex(@"@(?<kernel>[A-Za-z][A-Za-z0-9_.\-]*):(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Token();

    /// <summary>The words with every token of a known kernel replaced by what <paramref name="resolve"/> gives for it.</summary>
    public static async Task<IReadOnlyList<string>> ResolveAsync(IReadOnlyList<string> words, Func<string, bool> isKernel,
        Func<string, string, Task<string>> resolve)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(isKernel);
        ArgumentNullException.ThrowIfNull(resolve);
        var resolved = new List<string>(words.Count);
        foreach (var word in words)
        {
            var matches = Token().Matches(word).Where(match => isKernel(match.Groups["kernel"].Value)).ToArray();
            if (matches.Length == 0)
            {
                resolved.Add(word);
                continue;
            }
            var text = new StringBuilder();
            var at = 0;
            foreach (var match in matches)
            {
                text.Append(word, at, match.Index - at);
                text.Append(await resolve(match.Groups["kernel"].Value, match.Groups["name"].Value));
                at = match.Index + match.Length;
            }
            text.Append(word, at, word.Length - at);
            resolved.Add(text.ToString());
        }
        return resolved;
    }

    /// <summary>True when <paramref name="text"/> holds a token of a kernel <paramref name="isKernel"/> knows.</summary>
    public static bool HasTokens(string text, Func<string, bool> isKernel)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(isKernel);
        return Token().Matches(text).Any(match => isKernel(match.Groups["kernel"].Value));
    }

    /// <summary>True when <paramref name="name"/> is a kernel of <paramref name="root"/> values can be asked of
    /// (not the root, not ss itself).</summary>
    public static bool IsValueKernel(Kernel? root, string name) =>
        root?.FindKernelByName(name) is { } found && found != root && found is not SsKernel;

    /// <summary>Resolves the tokens of <paramref name="words"/> against the kernels of <paramref name="root"/>.
    /// A variable that does not exist throws <see cref="SsException"/> naming the token.</summary>
    public static Task<IReadOnlyList<string>> ResolveAsync(IReadOnlyList<string> words, Kernel? root, KernelCommand parent)
    {
        if (root is null)
        {
            return Task.FromResult(words);
        }
        return ResolveAsync(words, kernel => IsValueKernel(root, kernel), (kernel, name) => RequestAsync(root, kernel, name, parent));
    }

    private static async Task<string> RequestAsync(Kernel root, string kernel, string name, KernelCommand parent)
    {
        var request = new RequestValue(name, mimeType: "text/plain", targetKernelName: kernel);
        request.SetParent(parent, true);
        var result = await root.SendAsync(request);
        if (result.Events.OfType<ValueProduced>().FirstOrDefault() is not { } produced)
        {
            var why = result.Events.OfType<CommandFailed>().FirstOrDefault()?.Message ?? "no value";
            throw new SsException($"#!ss: @{kernel}:{name}: {why}");
        }
        return produced.Value switch
        {
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            { } value => value.ToString() ?? "",
            null => produced.FormattedValue.Value,
        };
    }
}
