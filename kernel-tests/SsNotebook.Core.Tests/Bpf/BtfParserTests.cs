using System.Buffers.Binary;
using SsNotebook.Bpf;
using SsNotebook.Core.Tests.Support;

namespace SsNotebook.Core.Tests.Bpf;

/// <summary>Btf.Parse: what it reads, and the exact error for each kind of malformed blob.</summary>
public sealed class BtfParserTests
{
    private static byte[] Sample()
    {
        var b = new BtfBuilder();
        var int32 = b.AddInt("int", 4, BtfBuilder.Signed);
        b.AddStruct("s", 4, ("a", int32, 0, 0));
        return b.Build();
    }

    [Fact]
    public void ReadsTypesMembersAndNames()
    {
        var btf = Btf.Parse(Sample());
        Assert.Equal(3, btf.Count);
        var structure = btf[2];
        Assert.Equal(BtfKind.Struct, structure.Kind);
        Assert.Equal(4u, structure.Size);
        Assert.Equal("s", btf.NameString(structure.NameOffset));
        var member = btf.Member(structure, 0);
        Assert.Equal((1u, 0u, (byte)0), (member.Type, member.BitOffset, member.BitfieldSize));
        Assert.Equal("a", btf.NameString(member.NameOffset));
        Assert.Equal(0x01000020u, btf.ExtraWord(btf[1]));
    }

    [Fact]
    public void KindsHaveTheHeadersNumbers()
    {
        // BTF_KIND_INT 1, STRUCT 4, FUNC_PROTO 13, DATASEC 15, FLOAT 16, ENUM64 19 (include/uapi/linux/btf.h).
        Assert.Equal((1, 4, 13, 15, 16, 19), ((int)BtfKind.Int, (int)BtfKind.Struct, (int)BtfKind.FunctionProto,
            (int)BtfKind.DataSection, (int)BtfKind.Float, (int)BtfKind.Enum64));
    }

    private static string Refusal(Action<byte[]> corrupt)
    {
        var raw = Sample();
        corrupt(raw);
        return Assert.Throws<BtfException>(() => Btf.Parse(raw)).Message;
    }

    [Fact]
    public void MalformedBlobsAreExactErrors()
    {
        Assert.Equal("BTF of 3 bytes is shorter than its 24-byte header", Assert.Throws<BtfException>(() => Btf.Parse([0x9f, 0xeb, 1])).Message);
        Assert.Equal("bad BTF magic 0x1234", Refusal(raw => BinaryPrimitives.WriteUInt16LittleEndian(raw, 0x1234)));
        Assert.Equal("big-endian BTF is not supported", Refusal(raw => BinaryPrimitives.WriteUInt16LittleEndian(raw, 0x9feb)));
        Assert.Equal("unsupported BTF version 2", Refusal(raw => raw[2] = 2));
        Assert.Equal("BTF header length 4 outside 24..73", Refusal(raw => BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(4), 4)));
        Assert.Equal("BTF sections (types 0+1000, strings 40+9) exceed its 49 bytes",
            Refusal(raw => BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(12), 1000)));
        Assert.Equal("BTF type section 0+40 overlaps the strings at 30",
            Refusal(raw => BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(16), 30)));
        Assert.Equal("BTF string section must start and end with a NUL byte", Refusal(raw => raw[^1] = (byte)'x'));
        Assert.Equal("BTF type 1 at byte 0 has unknown kind 20", Refusal(raw => raw[24 + 7] = 20));
        Assert.Equal("BTF type 1 has name offset 4096 beyond the 9-byte string section",
            Refusal(raw => BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(24), 4096)));
        Assert.Equal("BTF type 2 (Struct) at byte 16 needs 24 bytes after its header, 12 left", Refusal(raw => raw[24 + 16 + 4] = 2));
        Assert.Equal("BTF type 2 refers to type 9, beyond the last type 2",
            Refusal(raw => BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(24 + 28 + 4), 9)));
        Assert.Equal("BTF type 2 has a name offset 99 beyond the 9-byte string section",
            Refusal(raw => BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(24 + 28), 99)));
    }

    [Fact]
    public void TruncatedTypeIsAnError()
    {
        var raw = Sample();
        // Claim two bytes less of types: the struct's member no longer fits.
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(12), 38);
        Assert.Equal("BTF type 2 (Struct) at byte 16 needs 12 bytes after its header, 10 left",
            Assert.Throws<BtfException>(() => Btf.Parse(raw)).Message);
    }
}
