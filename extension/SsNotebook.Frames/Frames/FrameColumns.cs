using Microsoft.Data.Analysis;

namespace SsNotebook.Frames;

/// <summary>Column order helpers shared by the frames that put their key figures first.</summary>
public static class FrameColumns
{
    /// <summary>The columns of <paramref name="frame"/> named in <paramref name="leading"/> first (in that order,
    /// when present), then the others in their order. The columns are shared, not copied.</summary>
    public static DataFrame Reordered(DataFrame frame, IReadOnlyList<string> leading)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(leading);
        var columns = new List<DataFrameColumn>(frame.Columns.Count);
        foreach (var name in leading)
        {
            var index = frame.Columns.IndexOf(name);
            if (index >= 0)
            {
                columns.Add(frame.Columns[index]);
            }
        }
        foreach (var column in frame.Columns)
        {
            if (!leading.Contains(column.Name))
            {
                columns.Add(column);
            }
        }
        return new DataFrame(columns);
    }
}
