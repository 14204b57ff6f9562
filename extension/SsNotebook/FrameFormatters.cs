namespace SsNotebook.Interactive;

/// <summary>
/// Our formatters for DataFrames and socket records, kept in front of any other. Microsoft.Data.Analysis ships an
/// interactive extension (interactive-extensions/dotnet in its package) that the tool loads after the cell whose
/// <c>#r</c> brought the package in — possibly after our own extension.dib ran — and it registers its paged,
/// indexed DataFrame table for text/html. Formatters of one type are tried most recent first, so
/// <see cref="EnsureFirst"/> (run by the root kernel before and after every command) registers ours again whenever
/// another DataFrame formatter got in front.
/// </summary>
internal static class FrameFormatters
{
    private static readonly ITypeFormatter[] Ours =
    [
        new Delegating(typeof(DataFrame), "text/html", (value, writer) => FrameHtml.WriteTable((DataFrame)value, writer)),
        new Delegating(typeof(DataFrame), "text/plain", (value, writer) => writer.Write(Frames.FrameText.Of((DataFrame)value))),
        new Delegating(typeof(SocketRecord), "text/html", (value, writer) => writer.Write(RecordHtml.Record((SocketRecord)value))),
        new Delegating(typeof(SocketRecord), "text/plain", (value, writer) => writer.Write(RecordHtml.RecordText((SocketRecord)value))),
        new Delegating(typeof(IEnumerable<SocketRecord>), "text/html", (value, writer) => writer.Write(RecordHtml.Records((IEnumerable<SocketRecord>)value))),
    ];

    private static readonly object Gate = new();

    /// <summary>Registers our formatters again where another one for the same type and MIME type is in front of
    /// ours (or ours are missing, after <c>Formatter.ResetToDefault</c>).</summary>
    public static void EnsureFirst()
    {
        lock (Gate)
        {
            var registered = false;
            foreach (var formatter in Ours)
            {
                var first = Formatter.RegisteredFormatters(includeDefaults: false)
                    .FirstOrDefault(f => f.Type == formatter.Type && f.MimeType == formatter.MimeType);
                if (!ReferenceEquals(first, formatter))
                {
                    Formatter.Register(formatter);
                    registered = true;
                }
            }
            if (registered)
            {
                // Without this, C# return values get text/html only.
                foreach (var type in new[] { typeof(DataFrame), typeof(SocketRecord), typeof(IEnumerable<SocketRecord>) })
                {
                    Formatter.SetPreferredMimeTypesFor(type, "text/html", "text/plain");
                }
            }
        }
    }

    /// <summary>True when the DataFrame formatter in front for <paramref name="mimeType"/> is ours.</summary>
    public static bool AreFirst(string mimeType = "text/html") =>
        Formatter.RegisteredFormatters(includeDefaults: false)
            .FirstOrDefault(f => f.Type == typeof(DataFrame) && f.MimeType == mimeType) is { } first && Ours.Contains(first);

    private sealed class Delegating(Type type, string mimeType, Action<object, TextWriter> write) : ITypeFormatter
    {
        public string MimeType { get; } = mimeType;

        public Type Type { get; } = type;

        public bool Format(object instance, FormatContext context)
        {
            write(instance, context.Writer);
            return true;
        }
    }
}
