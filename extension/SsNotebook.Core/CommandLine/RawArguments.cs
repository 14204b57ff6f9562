namespace SsNotebook.CommandLine;

/// <summary>
/// Command-line bytes that are not UTF-8, kept through .NET strings. .NET decodes argv with U+FFFD for such
/// bytes, so ss's messages (<c>ss: "\xff" is invalid family</c>) and the files named (-F, -D, -N) would lose them.
/// Here each undecodable byte 0x80–0xFF becomes the lone surrogate U+DC80–U+DCFF (Python's "surrogateescape"),
/// which <see cref="Encode"/> turns back into that byte: messages and paths get the bytes the user gave.
/// </summary>
internal static class RawArguments
{
    private const char EscapeBase = '\uDC00';

    /// <summary>argv without the program name, read from /proc/self/cmdline; <paramref name="decoded"/> (what .NET
    /// gave Main) when that cannot be read or does not match it.</summary>
    public static string[] FromProcess(string[] decoded)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        byte[] cmdline;
        try
        {
            cmdline = File.ReadAllBytes("/proc/self/cmdline");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return decoded;
        }
        var words = new List<string>();
        var rest = cmdline.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)0);
            var word = end < 0 ? rest : rest[..end];
            words.Add(Decode(word));
            rest = end < 0 ? [] : rest[(end + 1)..];
        }
        // The first word is the program; a host that put other words first (a runtime's own arguments) is detected
        // by comparing what both readings agree on.
        if (words.Count < decoded.Length + 1)
        {
            return decoded;
        }
        var arguments = words.GetRange(words.Count - decoded.Length, decoded.Length).ToArray();
        for (var i = 0; i < arguments.Length; i++)
        {
            if (!SameUpToEscapes(arguments[i], decoded[i]))
            {
                return decoded;
            }
        }
        return arguments;
    }

    /// <summary>UTF-8 where the bytes are UTF-8; every other byte as its escape character.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                foreach (var b in bytes[..consumed])
                {
                    text.Append((char)(EscapeBase + b));
                }
            }
            bytes = bytes[consumed..];
        }
        return text.ToString();
    }

    /// <summary>UTF-8, except that an escape character becomes its byte again.</summary>
    public static byte[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var length = new Rune(c, text[i + 1]).EncodeToUtf8(utf8);
                bytes.AddRange(utf8[..length]);
                i++;
            }
            else if (c is >= '\uDC80' and <= '\uDCFF')
            {
                bytes.Add((byte)(c - EscapeBase));
            }
            else
            {
                var length = (Rune.TryCreate(c, out var rune) ? rune : Rune.ReplacementChar).EncodeToUtf8(utf8);
                bytes.AddRange(utf8[..length]);
            }
        }
        return [.. bytes];
    }

    private static bool SameUpToEscapes(string raw, string decoded)
    {
        if (raw.Length != decoded.Length)
        {
            // One U+FFFD may stand for several escaped bytes: compare what is left of the valid text.
            return Strip(raw) == Strip(decoded);
        }
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != decoded[i] && !(raw[i] is >= '\uDC80' and <= '\uDCFF' && decoded[i] == '\uFFFD'))
            {
                return false;
            }
        }
        return true;
    }

    private static string Strip(string text) =>
        new([.. text.Where(c => c is not ('\uFFFD' or (>= '\uDC80' and <= '\uDCFF')))]);
}

/// <summary>A text writer for stderr that writes <see cref="RawArguments"/>' escapes as the bytes they stand for.</summary>
internal sealed class RawTextWriter(Stream output) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            output.Write(RawArguments.Encode(value));
            output.Flush();
        }
    }

    public override void Flush() => output.Flush();
}
