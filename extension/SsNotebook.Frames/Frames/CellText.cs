namespace SsNotebook.Frames;

/// <summary>
/// How a frame value reads in a display, the same in every table and record: times as ISO-8601 UTC with
/// milliseconds (<c>2026-12-03T23:50:47.250Z</c>), cookies in ss's hex (<c>sk:31dcc</c>), numbers in the invariant
/// culture, nulls empty.
/// </summary>
internal static class CellText
{
    public const string CookieColumn = "Cookie";

    /// <summary>The text of row <paramref name="row"/> of <paramref name="column"/>.</summary>
    public static string Of(DataFrameColumn column, long row)
    {
        ArgumentNullException.ThrowIfNull(column);
        var value = column[row];
        return value is ulong cookie && column.Name == CookieColumn ? Cookie(cookie) : Of(value);
    }

    /// <summary>The text of one value.</summary>
    public static string Of(object? value) => value switch
    {
        null => "",
        DateTime time => Time(time),
        DateTimeOffset time => Time(time.UtcDateTime),
        double number => number.ToString("0.###", CultureInfo.InvariantCulture),
        float number => number.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>ISO-8601 UTC with milliseconds; an unspecified kind is taken as UTC (our frames store UTC).</summary>
    public static string Time(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>A socket cookie as ss prints it.</summary>
    public static string Cookie(ulong cookie) => "sk:" + cookie.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>True for columns whose values are numbers (right-aligned in tables).</summary>
    public static bool IsNumeric(DataFrameColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var type = column.DataType;
        return column.Name != CookieColumn && type != typeof(string) && type != typeof(DateTime) && type != typeof(bool)
            && type != typeof(char) && type.IsPrimitive;
    }
}
