using SsNotebook.Bpf;

namespace SsNotebook.Text;

/// <summary>
/// --bpf-maps / --bpf-map-id: a socket's BPF storage values as ss 6.10's show_sk_bpf_storages prints them, after
/// everything else on the socket: " map_id:N" and the compact dump with -O, otherwise a "\n\tmap_id:N [" block
/// indented by two tabs. A map that cannot be loaded, a value of the wrong size and a dump that fails are reported
/// as ss reports them.
/// </summary>
internal sealed class BpfStorageText(ColumnBuffer output, BpfStorageMaps maps, bool oneLine, List<string> diagnostics)
{
    private readonly BtfOutput _dump = new();

    public void Print(BpfStorage[] storages)
    {
        foreach (var storage in storages)
        {
            Print(storage);
        }
    }

    private void Print(BpfStorage storage)
    {
        var map = maps.Find(storage.MapId, argument: null, diagnostics);
        if (map is null)
        {
            output.Write($"\n\tmap_id: {(int)storage.MapId} failed to fetch info, skipping\n");
            return;
        }
        if (map.Info.ValueSize != storage.Value.Length)
        {
            diagnostics.Add($"map_id: {(int)storage.MapId}: invalid value size, expecting {map.Info.ValueSize}, got {storage.Value.Length}");
            return;
        }
        output.Write(oneLine ? $" map_id:{(int)map.Id}" : $"\n\tmap_id:{(int)map.Id} [\n");
        _dump.Clear();
        var result = map.Dumper.Dump(map.Info.BtfValueTypeId, storage.Value, new BtfDumpOptions(oneLine, oneLine ? 0 : 2, storage.AddressResidue), _dump);
        output.Write(_dump.Written);
        if (result < 0)
        {
            output.Write(oneLine ? $"failed to dump data: {result}" : $"\t\tfailed to dump data: {result}");
            if (map.Dumper.LimitReason is { } reason)
            {
                diagnostics.Add($"ssn: map_id {map.Id}: {reason}");
            }
        }
        if (!oneLine)
        {
            output.Write("\n\t]");
        }
    }
}
