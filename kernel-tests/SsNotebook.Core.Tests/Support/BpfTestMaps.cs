using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using SsNotebook.Bpf;
using SsNotebook.Interop;

namespace SsNotebook.Core.Tests.Support;

/// <summary>
/// Makes BPF socket-local storage maps for live tests with bpf(2) directly: BPF_BTF_LOAD of hand-built BTF,
/// BPF_MAP_CREATE (BPF_MAP_TYPE_SK_STORAGE, BPF_F_NO_PREALLOC) and BPF_MAP_UPDATE_ELEM keyed by a socket's fd.
/// Every descriptor it opens is closed on dispose (the kernel then frees the maps).
/// </summary>
public sealed unsafe class BpfTestMaps : IDisposable
{
    private const int MapFlagNoPrealloc = 1;
    private readonly List<int> _fds = [];

    /// <summary>Loads <paramref name="btf"/>; the kernel's verifier log is in the exception when it refuses.</summary>
    public int LoadBtf(byte[] btf)
    {
        var log = new byte[1 << 16];
        Span<byte> attribute = stackalloc byte[BpfSyscall.AttributeSize];
        attribute.Clear();
        fixed (byte* raw = btf)
        fixed (byte* logPointer = log)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(attribute, (ulong)raw);
            BinaryPrimitives.WriteUInt64LittleEndian(attribute[8..], (ulong)logPointer);
            BinaryPrimitives.WriteUInt32LittleEndian(attribute[16..], (uint)btf.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(attribute[20..], (uint)log.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(attribute[24..], 1);
            var fd = BpfSyscall.Invoke(BpfSyscall.BtfLoad, attribute);
            if (fd < 0)
            {
                var end = Array.IndexOf(log, (byte)0);
                throw new InvalidOperationException($"BPF_BTF_LOAD failed ({LibC.ErrorText(-fd)}): {Encoding.ASCII.GetString(log, 0, end < 0 ? 0 : end)}");
            }
            _fds.Add(fd);
            return fd;
        }
    }

    /// <summary>Creates an sk_storage map whose key is BTF type <paramref name="keyType"/> (an int) and value
    /// <paramref name="valueType"/>; returns its descriptor.</summary>
    public int CreateSkStorage(int btfFd, uint keyType, uint valueType, uint valueSize, string name = "ssn_test") =>
        Create(BpfSyscall.MapTypeSkStorage, 4, valueSize, 0, MapFlagNoPrealloc, btfFd, keyType, valueType, name);

    /// <summary>Creates a map of another type (for the wrong-type error).</summary>
    public int CreateArray(uint valueSize) => Create(2, 4, valueSize, 1, 0, 0, 0, 0, "ssn_array");

    private int Create(uint type, uint keySize, uint valueSize, uint maxEntries, uint flags, int btfFd, uint keyType, uint valueType, string name)
    {
        Span<byte> attribute = stackalloc byte[BpfSyscall.AttributeSize];
        attribute.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(attribute, type);
        BinaryPrimitives.WriteUInt32LittleEndian(attribute[4..], keySize);
        BinaryPrimitives.WriteUInt32LittleEndian(attribute[8..], valueSize);
        BinaryPrimitives.WriteUInt32LittleEndian(attribute[12..], maxEntries);
        BinaryPrimitives.WriteUInt32LittleEndian(attribute[16..], flags);
        Encoding.ASCII.GetBytes(name).AsSpan(0, Math.Min(15, name.Length)).CopyTo(attribute[28..]);
        BinaryPrimitives.WriteInt32LittleEndian(attribute[48..], btfFd);
        BinaryPrimitives.WriteUInt32LittleEndian(attribute[52..], keyType);
        BinaryPrimitives.WriteUInt32LittleEndian(attribute[56..], valueType);
        var fd = BpfSyscall.Invoke(BpfSyscall.MapCreate, attribute);
        if (fd < 0)
        {
            throw new InvalidOperationException($"BPF_MAP_CREATE failed: {LibC.ErrorText(-fd)}");
        }
        _fds.Add(fd);
        return fd;
    }

    /// <summary>Stores <paramref name="value"/> for <paramref name="socket"/> in the map.</summary>
    public static void Store(int mapFd, Socket socket, byte[] value)
    {
        var key = (int)socket.SafeHandle.DangerousGetHandle();
        Span<byte> attribute = stackalloc byte[BpfSyscall.AttributeSize];
        attribute.Clear();
        fixed (byte* valuePointer = value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(attribute, mapFd);
            BinaryPrimitives.WriteUInt64LittleEndian(attribute[8..], (ulong)&key);
            BinaryPrimitives.WriteUInt64LittleEndian(attribute[16..], (ulong)valuePointer);
            var result = BpfSyscall.Invoke(BpfSyscall.MapUpdateElement, attribute);
            if (result < 0)
            {
                throw new InvalidOperationException($"BPF_MAP_UPDATE_ELEM failed: {LibC.ErrorText(-result)}");
            }
        }
    }

    /// <summary>The map's id (what --bpf-map-id takes).</summary>
    public static uint IdOf(int mapFd)
    {
        var info = default(BpfMapInfo);
        var error = BpfSyscall.GetInfo(mapFd, System.Runtime.InteropServices.MemoryMarshal.AsBytes(
            System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref info, 1)), out _);
        return error < 0 ? throw new InvalidOperationException($"BPF_OBJ_GET_INFO_BY_FD failed: {LibC.ErrorText(-error)}") : info.Id;
    }

    public void Dispose()
    {
        foreach (var fd in _fds)
        {
            LibC.Close(fd);
        }
        _fds.Clear();
    }
}
