using System.Runtime.CompilerServices;

namespace SsNotebook.Interactive;

/// <summary>
/// Decides which output carries the embedded plotly.js: the first chart of each submitted cell. Every cell that
/// shows charts is then self-contained (re-running or clearing another cell never breaks it, a saved notebook
/// renders offline), while a cell with several charts or live updates carries the script (about 450 KB) only once.
/// </summary>
internal sealed class PlotlyJsOnce
{
    /// <summary>The one the process-wide chart formatters use; cells are told apart by their command, so every
    /// kernel of the process can share it.</summary>
    public static PlotlyJsOnce Shared { get; } = new();

    private readonly ConditionalWeakTable<KernelCommand, object> _cellsWithScript = new();

    /// <summary>True the first time it is asked for the cell <paramref name="command"/> belongs to.</summary>
    public bool TryClaim(KernelCommand? command)
    {
        if (command is null)
        {
            return true;
        }
        var cell = command;
        while (cell.Parent is { } parent)
        {
            cell = parent;
        }
        return _cellsWithScript.TryAdd(cell, cell);
    }
}
