namespace SsNotebook.Bpf;

/// <summary>The head of struct bpf_map_info (BPF_OBJ_GET_INFO_BY_FD on a map), as far as btf_value_type_id.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BpfMapInfo
{
    public uint Type;
    public uint Id;
    public uint KeySize;
    public uint ValueSize;
    public uint MaxEntries;
    public uint MapFlags;
    public ulong Name0;
    public ulong Name1;
    public uint InterfaceIndex;
    public uint BtfVmlinuxValueTypeId;
    public ulong NetnsDevice;
    public ulong NetnsInode;
    public uint BtfId;
    public uint BtfKeyTypeId;
    public uint BtfValueTypeId;
    public uint Padding;
    public ulong MapExtra;
}
