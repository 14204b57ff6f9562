namespace SsNotebook;

/// <summary>
/// The questions asked of a socket frame, each one call that never throws on a small frame:
/// <c>ss.Table.Where("State", "established").Top(5, "rtt").Select("PeerAddress", "PeerPort", "rtt")</c>,
/// <c>ss.Sockets.CountBy("PeerPort")</c>, <c>ss.TcpInfo.Column&lt;uint&gt;("rtt")</c>.
/// </summary>
/// <remarks>Microsoft.Data.Analysis 0.23.1's own <c>Head(n)</c>/<c>Tail(n)</c> throw when n exceeds the row
/// count: <see cref="Take"/> and <see cref="TakeLast"/> do not.</remarks>
public static class FrameQueries
{
    /// <summary>Column <paramref name="name"/> with values of type <typeparamref name="T"/>: the column itself when
    /// it holds <typeparamref name="T"/>, else a converted copy (<c>Column&lt;long&gt;("rtt")</c> of a uint column).
    /// A value that does not fit throws <see cref="OverflowException"/>.</summary>
    /// <param name="frame">Any DataFrame, e.g. a result's <see cref="SsResult.Table"/> or
    /// <see cref="SsResult.Sockets"/>.</param>
    /// <param name="name">The column name, e.g. "rtt".</param>
    /// <typeparam name="T">The numeric type wanted.</typeparam>
    public static PrimitiveDataFrameColumn<T> Column<T>(this DataFrame frame, string name) where T : unmanaged
    {
        var column = ColumnNamed(frame, name);
        if (column is PrimitiveDataFrameColumn<T> typed)
        {
            return typed;
        }
        if (!IsNumber(column.DataType) || !IsNumber(typeof(T)))
        {
            throw new InvalidCastException($"column '{name}' holds {column.DataType.Name} values, not {typeof(T).Name}");
        }
        var converted = new PrimitiveDataFrameColumn<T>(name, column.Length);
        for (long row = 0; row < column.Length; row++)
        {
            if (column[row] is { } value)
            {
                converted[row] = (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
            }
        }
        return converted;
    }

    /// <summary>The value of column <paramref name="name"/> in <paramref name="row"/> as <typeparamref name="T"/>
    /// (numbers converted: <c>row.Get&lt;int&gt;("PeerPort")</c>), or null when the cell is null.</summary>
    /// <param name="row">A row of a frame.</param>
    /// <param name="name">The column name.</param>
    /// <typeparam name="T">The numeric type wanted.</typeparam>
    public static T? Get<T>(this DataFrameRow row, string name) where T : struct
    {
        ArgumentNullException.ThrowIfNull(row);
        return row[name] switch
        {
            null => null,
            T value => value,
            var value when IsNumber(value.GetType()) && IsNumber(typeof(T)) => (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture),
            var value => throw new InvalidCastException($"column '{name}' holds {value.GetType().Name} values, not {typeof(T).Name}"),
        };
    }

    /// <summary>The first <paramref name="count"/> rows, or every row when there are fewer.</summary>
    /// <param name="frame">Any DataFrame, e.g. a result's <see cref="SsResult.Table"/> or
    /// <see cref="SsResult.Sockets"/>.</param>
    /// <param name="count">How many rows.</param>
    public static DataFrame Take(this DataFrame frame, int count)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return frame.Head((int)Math.Min(count, frame.Rows.Count));
    }

    /// <summary>The last <paramref name="count"/> rows, or every row when there are fewer.</summary>
    /// <param name="frame">Any DataFrame, e.g. a result's <see cref="SsResult.Table"/> or
    /// <see cref="SsResult.Sockets"/>.</param>
    /// <param name="count">How many rows.</param>
    public static DataFrame TakeLast(this DataFrame frame, int count)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return frame.Tail((int)Math.Min(count, frame.Rows.Count));
    }

    /// <summary>The <paramref name="count"/> rows with the largest <paramref name="column"/> (nulls last), largest first.</summary>
    /// <param name="frame">Any DataFrame, e.g. a result's <see cref="SsResult.Table"/> or
    /// <see cref="SsResult.Sockets"/>.</param>
    /// <param name="count">How many rows.</param>
    /// <param name="column">The numeric column to sort by.</param>
    public static DataFrame Top(this DataFrame frame, int count, string column)
    {
        ColumnNamed(frame, column);
        return frame.OrderByDescending(column).Take(count);
    }

    /// <summary>The <paramref name="count"/> rows with the smallest <paramref name="column"/> (nulls last), smallest first.</summary>
    /// <param name="frame">Any DataFrame, e.g. a result's <see cref="SsResult.Table"/> or
    /// <see cref="SsResult.Sockets"/>.</param>
    /// <param name="count">How many rows.</param>
    /// <param name="column">The numeric column to sort by.</param>
    public static DataFrame Bottom(this DataFrame frame, int count, string column)
    {
        ColumnNamed(frame, column);
        return frame.OrderBy(column).Take(count);
    }

    /// <summary>The rows whose <paramref name="column"/> equals <paramref name="value"/>: text case-insensitively,
    /// numbers by value whatever their type (<c>Where("PeerPort", 5201)</c>), cookies also as <c>"sk:31dcc"</c>.
    /// A <c>State</c> column matches ss's names (<c>ESTAB</c>, <c>LISTEN</c>) and the state words of ss's filter
    /// (<c>established</c>, <c>connected</c>, <c>syn-sent</c>, …) or a <see cref="SocketState"/>; an unknown state throws.</summary>
    /// <param name="frame">Any DataFrame, e.g. a result's <see cref="SsResult.Table"/> or
    /// <see cref="SsResult.Sockets"/>.</param>
    /// <param name="column">The column to compare.</param>
    /// <param name="value">The value: text, a number of any type, an <c>sk:</c> cookie or a state.</param>
    public static DataFrame Where(this DataFrame frame, string column, object? value)
    {
        var source = ColumnNamed(frame, column);
        Func<object?, bool> matches = value switch
        {
            null => cell => cell is null,
            string text when column == "State" => StateMatcher(text),
            SocketState state when column == "State" => StateMatcher(SocketNames.State(state)),
            string text when column == CellText.CookieColumn && TryParseCookie(text, out var cookie) => cell => cell is ulong c && c == cookie,
            string text => cell => cell is not null && string.Equals(CellText.Of(cell), text, StringComparison.OrdinalIgnoreCase),
            _ when IsNumber(value.GetType()) => NumberMatcher(value),
            _ => cell => Equals(cell, value),
        };
        return frame.Filter(Mask(source, matches));
    }

    /// <summary>The rows whose <paramref name="column"/> satisfies <paramref name="predicate"/> (null cells never do):
    /// <c>Where&lt;uint&gt;("rtt", rtt =&gt; rtt &gt; 10_000)</c>.</summary>
    /// <param name="frame">Any DataFrame, e.g. a result's <see cref="SsResult.Table"/> or
    /// <see cref="SsResult.Sockets"/>.</param>
    /// <param name="column">The column to test.</param>
    /// <param name="predicate">The test, given each non-null value.</param>
    /// <typeparam name="T">The numeric type the values are converted to.</typeparam>
    public static DataFrame Where<T>(this DataFrame frame, string column, Func<T, bool> predicate) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var values = frame.Column<T>(column);
        var mask = new BooleanDataFrameColumn("mask", values.Length);
        for (long row = 0; row < values.Length; row++)
        {
            mask[row] = values[row] is { } value && predicate(value);
        }
        return frame.Filter(mask);
    }

    /// <summary>A frame of the named columns, in that order (copies: changing it leaves the source alone).</summary>
    /// <param name="frame">Any DataFrame, e.g. a result's <see cref="SsResult.Table"/> or
    /// <see cref="SsResult.Sockets"/>.</param>
    /// <param name="columns">The column names.</param>
    public static DataFrame Select(this DataFrame frame, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new DataFrame(columns.Select(name => ColumnNamed(frame, name).Clone()));
    }

    /// <summary>How many rows have each value of <paramref name="column"/>: a frame of the value and
    /// <c>Count</c>, most frequent first (ties in order of first appearance). Nulls count as one value.</summary>
    /// <param name="frame">Any DataFrame, e.g. a result's <see cref="SsResult.Table"/> or
    /// <see cref="SsResult.Sockets"/>.</param>
    /// <param name="column">The column to group by.</param>
    public static DataFrame CountBy(this DataFrame frame, string column)
    {
        var source = ColumnNamed(frame, column);
        var firstRow = new Dictionary<object, int>();
        var counts = new List<(long FirstRow, long Count)>();
        var nullGroup = -1;
        for (long row = 0; row < source.Length; row++)
        {
            var value = source[row];
            int group;
            if (value is null)
            {
                if (nullGroup < 0)
                {
                    nullGroup = counts.Count;
                    counts.Add((row, 0));
                }
                group = nullGroup;
            }
            else if (!firstRow.TryGetValue(value, out group))
            {
                group = counts.Count;
                firstRow[value] = group;
                counts.Add((row, 0));
            }
            counts[group] = (counts[group].FirstRow, counts[group].Count + 1);
        }
        var ordered = counts.OrderByDescending(group => group.Count).ThenBy(group => group.FirstRow).ToArray();
        var keys = source.Clone(new Int64DataFrameColumn("rows", ordered.Select(group => group.FirstRow)));
        return new DataFrame(keys, new Int64DataFrameColumn("Count", ordered.Select(group => group.Count)));
    }

    private static DataFrameColumn ColumnNamed(DataFrame frame, string name)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(name);
        var index = frame.Columns.IndexOf(name);
        if (index >= 0)
        {
            return frame.Columns[index];
        }
        var similar = frame.Columns.Select(c => c.Name).Where(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase)).ToArray();
        var hint = similar.Length > 0 ? $"; did you mean '{similar[0]}'?" : "";
        throw new ArgumentException($"no column '{name}'{hint} (columns: {string.Join(", ", frame.Columns.Select(c => c.Name))})", nameof(name));
    }

    private static BooleanDataFrameColumn Mask(DataFrameColumn source, Func<object?, bool> matches)
    {
        var mask = new BooleanDataFrameColumn("mask", source.Length);
        for (long row = 0; row < source.Length; row++)
        {
            mask[row] = matches(source[row]);
        }
        return mask;
    }

    private static Func<object?, bool> NumberMatcher(object value)
    {
        var wanted = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        return cell => cell is not null && IsNumber(cell.GetType()) && Convert.ToDecimal(cell, CultureInfo.InvariantCulture) == wanted;
    }

    /// <summary>Matches the State column's printed names against ss's names or ss's filter words.</summary>
    private static Func<object?, bool> StateMatcher(string wanted)
    {
        var printed = Enum.GetValues<SocketState>().ToLookup(SocketNames.State, StringComparer.OrdinalIgnoreCase);
        uint mask;
        if (printed.Contains(wanted))
        {
            mask = printed[wanted].Aggregate(0u, (bits, state) => bits | (1u << (int)state));
        }
        else
        {
            try
            {
                mask = StateNames.Parse(wanted);
            }
            catch (SsException)
            {
                var names = string.Join(", ", printed.Select(group => group.Key).Distinct());
                throw new ArgumentException($"no socket state '{wanted}': use ss's names ({names}) or its filter words (established, syn-sent, connected, …)", nameof(wanted));
            }
        }
        return cell => cell is string name && printed[name].Any(state => (mask & (1u << (int)state)) != 0);
    }

    private static bool TryParseCookie(string text, out ulong cookie)
    {
        var digits = text.StartsWith("sk:", StringComparison.OrdinalIgnoreCase) ? text[3..] : text;
        return ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out cookie);
    }

    private static bool IsNumber(Type type) => type.IsPrimitive && type != typeof(bool) && type != typeof(char) || type == typeof(decimal);
}
