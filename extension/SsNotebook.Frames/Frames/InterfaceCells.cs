using SsNotebook.Query;
using SsNotebook.Text;

namespace SsNotebook.Frames;

/// <summary>
/// The <c>Interface</c> cell of each interface index, <c>%eth0</c> as ss's text names a bound device, made once per
/// index: a dump has a handful of interfaces over thousands of sockets.
/// </summary>
public sealed class InterfaceCells(NamingContext? naming)
{
    private readonly InterfaceNames _names = new(naming);
    private readonly Dictionary<uint, string> _cells = [];

    /// <summary>The cell for <paramref name="index"/>; null for 0 (bound to no device).</summary>
    public string? Of(uint index)
    {
        if (index == 0)
        {
            return null;
        }
        if (!_cells.TryGetValue(index, out var cell))
        {
            cell = "%" + _names.Name(index);
            _cells[index] = cell;
        }
        return cell;
    }
}
