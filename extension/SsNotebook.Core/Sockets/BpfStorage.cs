namespace SsNotebook.Sockets;

/// <summary>A socket's value in one BPF socket-local storage map (SK_DIAG_BPF_STORAGE): the map id and the raw value,
/// which the map's BTF describes.</summary>
public readonly record struct BpfStorage(uint MapId, byte[] Value);
