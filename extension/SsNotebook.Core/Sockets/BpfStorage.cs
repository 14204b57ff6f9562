namespace SsNotebook.Sockets;

/// <summary>A socket's value in one BPF socket-local storage map (SK_DIAG_BPF_STORAGE): the map id and the raw value,
/// which the map's BTF describes.</summary>
/// <param name="MapId">The id of the BPF map (ss's map_id:).</param>
/// <param name="Value">The value's bytes as the map stores them.</param>
/// <param name="AddressResidue">Where the value sat in the received datagram, modulo 8 (libbpf prints a NULL
/// pointer and a negative enum differently when they are not aligned in ss's buffer).</param>
public readonly record struct BpfStorage(uint MapId, byte[] Value, int AddressResidue = 0);
