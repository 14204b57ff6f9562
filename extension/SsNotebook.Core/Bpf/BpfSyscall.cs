namespace SsNotebook.Bpf;

/// <summary>
/// The few bpf(2) commands ss's --bpf-maps needs, each with its union bpf_attr laid out by hand (offsets from
/// include/uapi/linux/bpf.h). Every call returns a descriptor or 0 on success and -errno on failure.
/// </summary>
internal static unsafe class BpfSyscall
{
    public const int MapCreate = 0;
    public const int MapUpdateElement = 2;
    public const int ObjectGetInfoByFd = 15;
    public const int BtfLoad = 18;
    public const int MapGetFdById = 14;
    public const int BtfGetFdById = 19;

    /// <summary>BPF_MAP_TYPE_SK_STORAGE.</summary>
    public const uint MapTypeSkStorage = 24;

    /// <summary>Large enough for every command used here; the kernel wants the unused tail zero.</summary>
    public const int AttributeSize = 128;

    /// <summary>The raw BTF of one map is read only up to this size (kernel BTF, the largest there is, is ~6 MiB).</summary>
    public const int MaxBtfSize = 16 << 20;

    private static long Number => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 321,
        Architecture.Arm64 or Architecture.RiscV64 or Architecture.LoongArch64 => 280,
        Architecture.X86 => 357,
        Architecture.Arm => 386,
        _ => -1,
    };

    /// <summary>bpf(<paramref name="command"/>, attr, sizeof attr): the result, or -errno.</summary>
    public static int Invoke(int command, Span<byte> attribute)
    {
        if (Number < 0)
        {
            return -LibC.Eopnotsupp;
        }
        fixed (byte* pointer = attribute)
        {
            var result = LibC.Syscall3(Number, command, pointer, attribute.Length);
            return result < 0 ? -Marshal.GetLastPInvokeError() : (int)result;
        }
    }

    /// <summary>BPF_MAP_GET_FD_BY_ID / BPF_BTF_GET_FD_BY_ID: a descriptor for the object with that id, or -errno.</summary>
    public static int GetFdById(int command, uint id)
    {
        Span<byte> attribute = stackalloc byte[AttributeSize];
        attribute.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(attribute, id);
        return Invoke(command, attribute);
    }

    /// <summary>BPF_OBJ_GET_INFO_BY_FD into <paramref name="info"/>; returns 0 or -errno, and how many bytes the kernel filled.</summary>
    public static int GetInfo(int fd, Span<byte> info, out int length)
    {
        length = 0;
        Span<byte> attribute = stackalloc byte[AttributeSize];
        attribute.Clear();
        fixed (byte* infoPointer = info)
        {
            BinaryPrimitives.WriteInt32LittleEndian(attribute, fd);
            BinaryPrimitives.WriteInt32LittleEndian(attribute[4..], info.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(attribute[8..], (ulong)infoPointer);
            var result = Invoke(ObjectGetInfoByFd, attribute);
            length = BinaryPrimitives.ReadInt32LittleEndian(attribute[4..]);
            return result;
        }
    }

    /// <summary>
    /// The raw BTF behind a BTF descriptor (struct bpf_btf_info's btf/btf_size): asked once for its size, then read
    /// whole. Null, with -errno in <paramref name="error"/>, when the kernel refuses or the BTF is beyond
    /// <see cref="MaxBtfSize"/> (error 0).
    /// </summary>
    public static byte[]? ReadBtf(int btfFd, out int error)
    {
        Span<byte> info = stackalloc byte[BtfInfoSize];
        info.Clear();
        error = GetInfo(btfFd, info, out _);
        if (error < 0)
        {
            return null;
        }
        var size = BinaryPrimitives.ReadUInt32LittleEndian(info[8..]);
        if (size > MaxBtfSize)
        {
            return null;
        }
        var btf = new byte[size];
        // The size can change only if the object is replaced, which a BTF object never is; a second answer that
        // does not fit is refused rather than trusted.
        fixed (byte* pointer = btf)
        {
            info.Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(info, (ulong)pointer);
            BinaryPrimitives.WriteUInt32LittleEndian(info[8..], size);
            error = GetInfo(btfFd, info, out _);
        }
        if (error < 0 || BinaryPrimitives.ReadUInt32LittleEndian(info[8..]) != size)
        {
            return null;
        }
        return btf;
    }

    /// <summary>sizeof(struct bpf_btf_info).</summary>
    private const int BtfInfoSize = 32;
}
