namespace SsNotebook.Frames;

/// <summary>
/// The <c>Interface</c> cell of each interface index, <c>%eth0</c> as ss's text names a bound device, made once per
/// index: a dump has a handful of interfaces over thousands of sockets.
/// </summary>
/// <param name="names">The invocation's interface names (<see cref="NamingTables.Interfaces"/>); null: this
/// machine's.</param>
internal sealed class InterfaceCells(InterfaceNames? names)
{
    private readonly InterfaceNames _names = names ?? InterfaceNames.Live(null);
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
