namespace SsNotebook.Naming;

/// <summary>
/// The line format of the services and protocols databases as libc reads them: '#' starts a comment, fields are
/// split on spaces and tabs, lines without fields are skipped. One reader, so the tables and the recorded (compacted)
/// copy of a database skip exactly the same things.
/// </summary>
internal static class NamingDatabase
{
    private static readonly char[] Blanks = [' ', '\t'];

    /// <summary>The fields of each entry of <paramref name="text"/> (none for a null text: an unreadable database).</summary>
    public static IEnumerable<string[]> Entries(string? text)
    {
        if (text is null)
        {
            yield break;
        }
        // StringReader splits lines as File.ReadAllLines does (\n, \r\n or \r).
        var reader = new StringReader(text);
        while (reader.ReadLine() is { } raw)
        {
            var hash = raw.IndexOf('#');
            var fields = (hash >= 0 ? raw[..hash] : raw).Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0)
            {
                yield return fields;
            }
        }
    }
}
