using System.Buffers.Binary;
using System.Text;
using SsNotebook.Bpf;
using SsNotebook.Core.Tests.Support;

namespace SsNotebook.Core.Tests.Bpf;

/// <summary>The btf_dump-compatible printer on hand-built BTF, without a kernel: exact text for every shape.</summary>
public sealed class BtfDataDumperTests
{
    private static (int Result, string Text) Dump(byte[] btf, uint type, byte[] value, bool compact = true, int residue = 0, BtfDataDumper? dumper = null)
    {
        dumper ??= new BtfDataDumper(Btf.Parse(btf));
        var output = new BtfOutput();
        var result = dumper.Dump(type, value, new BtfDumpOptions(compact, compact ? 0 : 2, residue), output);
        return (result, Encoding.Latin1.GetString(output.Written));
    }

    [Fact]
    public void RichStructCompact()
    {
        var (btf, value) = RichStruct.Build();
        Assert.Equal((64, "(struct value){.a = (int)-5,.b = (unsigned int)0x5,.c = (unsigned int)0x11," +
            ".name = (char[8])['h','i',],.counter = (u64)1234567890123,.in = (struct inner){.x = (int)7,.tag = (char)}," +
            "(union){.i = (int)1078530011,.f = (float)3.141593,},.col = (enum color)BLUE,.ptr = (void *)(nil)," +
            ".arr = (short[3])[],.bytes = (unsigned char[4])[],}"), Dump(btf, RichStruct.ValueType, value));
    }

    [Fact]
    public void ShapesBothLayouts()
    {
        var (btf, value) = ShapesStruct.Build();
        Assert.Equal((96, ShapesStruct.OneLine), Dump(btf, ShapesStruct.ValueType, value));
        Assert.Equal((96, ShapesStruct.MultiLine), Dump(btf, ShapesStruct.ValueType, value, compact: false));
    }

    [Fact]
    public void DuplicateNamesKeepTheirNumberAcrossValues()
    {
        var (btf, value) = ShapesStruct.Build();
        var dumper = new BtfDataDumper(Btf.Parse(btf));
        // Naming the second "dup" first gives it the plain name, and it keeps it.
        Assert.Equal((4, "(struct dup){.w = (unsigned int)20,}"), Dump(btf, 5, value[4..8], dumper: dumper));
        Assert.Equal((4, "(struct dup___2){.v = (int)10,}"), Dump(btf, 4, value[..4], dumper: dumper));
        Assert.Equal((4, "(struct dup){.w = (unsigned int)0,}"), Dump(btf, 5, new byte[4], dumper: dumper));
    }

    [Fact]
    public void TopLevelScalarsHaveNoDelimiter()
    {
        var b = new BtfBuilder();
        var int32 = b.AddInt("int", 4, BtfBuilder.Signed);
        var btf = b.Build();
        Assert.Equal((4, "(int)-7"), Dump(btf, int32, [0xf9, 0xff, 0xff, 0xff]));
        Assert.Equal((4, "\t\t(int)-7"), Dump(btf, int32, [0xf9, 0xff, 0xff, 0xff], compact: false));
    }

    [Theory]
    [InlineData(0, "(struct p){.p = (void *)(nil),.e = (enum s)NEG,}")]
    [InlineData(4, "(struct p){.p = (void *)0x0,.e = (enum s)NEG,}")]
    [InlineData(2, "(struct p){.p = (void *)0x0,.e = (enum s)-1,}")]
    public void UnalignedPointersAndSignedEnumsReadAsLibbpfDoes(int residue, string expected)
    {
        var b = new BtfBuilder();
        var pointer = b.AddPointer(0);
        var signedEnum = b.AddEnum("s", 4, true, ("NEG", -1));
        var type = b.AddStruct("p", 16, ("p", pointer, 0, 0), ("e", signedEnum, 64, 0));
        var value = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(value.AsSpan(8), -1);
        Assert.Equal((16, expected), Dump(b.Build(), type, value, residue: residue));
    }

    [Theory]
    [InlineData(0x3f800000u, "1.000000")]
    [InlineData(0x80000000u, "-0.000000")]
    [InlineData(0x7f800000u, "inf")]
    [InlineData(0xff800000u, "-inf")]
    [InlineData(0x7fc00000u, "nan")]
    [InlineData(0x00000001u, "0.000000")]
    [InlineData(0x7f7fffffu, "340282346638528859811704183484516925440.000000")]
    [InlineData(0x3a83126fu, "0.001000")]
    public void FloatsAsPrintfF(uint bits, string expected)
    {
        var b = new BtfBuilder();
        var flt = b.AddFloat("float", 4);
        var value = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(value, bits);
        Assert.Equal((4, "(float)" + expected), Dump(b.Build(), flt, value));
    }

    [Fact]
    public void LongDoubleIsX87Extended()
    {
        var b = new BtfBuilder();
        var longDouble = b.AddFloat("long double", 16);
        var value = new byte[16];
        // 1.5: exponent 16383, mantissa 1.1000… with the explicit integer bit.
        BinaryPrimitives.WriteUInt64LittleEndian(value, 0xc000000000000000);
        BinaryPrimitives.WriteUInt16LittleEndian(value.AsSpan(8), 0xbfff);
        Assert.Equal((16, "(long double)-1.500000"), Dump(b.Build(), longDouble, value));
    }

    [Fact]
    public void ForwardDeclarationHasNoSizeAndNothingIsPrinted()
    {
        var b = new BtfBuilder();
        var forward = b.AddForward("opaque");
        var holder = b.AddStruct("holder", 4, ("o", forward, 0, 0));
        var btf = b.Build();
        Assert.Equal((-22, ""), Dump(btf, forward, new byte[4]));
        Assert.Equal((-22, "(struct holder){"), Dump(btf, holder, new byte[4]));
    }

    [Fact]
    public void UnknownTypeIdIsEnoent() => Assert.Equal((-2, ""), Dump(new BtfBuilder().Build(), 1, []));

    [Fact]
    public void BaseValuePastTheDataIsE2big()
    {
        var b = new BtfBuilder();
        var int32 = b.AddInt("int", 4, BtfBuilder.Signed);
        var type = b.AddStruct("s", 8, ("a", int32, 0, 0), ("b", int32, 32, 0));
        Assert.Equal((-7, "(struct s){.a = (int)1,"), Dump(b.Build(), type, [1, 0, 0, 0, 2]));
    }

    [Fact]
    public void ArrayElementErrorsAreSkippedAsLibbpfSkipsThem()
    {
        var b = new BtfBuilder();
        var int32 = b.AddInt("int", 4, BtfBuilder.Signed);
        var array = b.AddArray(int32, int32, 3);
        Assert.Equal((12, "(int[3])[1,]"), Dump(b.Build(), array, [1, 0, 0, 0, 2]));
    }

    [Fact]
    public void CyclicStructIsABoundNotAStackOverflow()
    {
        var b = new BtfBuilder();
        // struct loop { struct loop inner; } — the kernel refuses it; a malformed blob may still say it.
        b.AddStruct("loop", 4, ("inner", 1, 0, 0));
        var dumper = new BtfDataDumper(Btf.Parse(b.Build()));
        var output = new BtfOutput();
        Assert.Equal(BtfDataDumper.LimitError, dumper.Dump(1, new byte[4], new BtfDumpOptions(true, 0), output));
        Assert.Equal("BTF values nest deeper than 64", dumper.LimitReason);
    }

    [Fact]
    public void CyclicTypedefHasNoSize()
    {
        var b = new BtfBuilder();
        b.AddTypedef("a", 2);
        b.AddTypedef("b", 1);
        // libbpf's size resolution gives up after 32 steps: -EINVAL, before anything is printed.
        Assert.Equal((-22, ""), Dump(b.Build(), 1, new byte[4]));
    }

    [Fact]
    public void HugeArrayOfPrintableOutputStopsAtTheOutputBound()
    {
        var b = new BtfBuilder();
        var int32 = b.AddInt("int", 4, BtfBuilder.Signed);
        var array = b.AddArray(int32, int32, 1 << 20);
        var dumper = new BtfDataDumper(Btf.Parse(b.Build()));
        var output = new BtfOutput(limit: 1000);
        Assert.Equal(BtfDataDumper.LimitError, dumper.Dump(array, new byte[4 << 20], new BtfDumpOptions(true, 0), output));
        Assert.Equal("the dump of this value exceeds 1000 bytes", dumper.LimitReason);
        Assert.True(output.Length <= 1000);
    }

    [Fact]
    public void EmptyElementsAreRefused()
    {
        var b = new BtfBuilder();
        var empty = b.AddStruct("empty", 0);
        var array = b.AddArray(empty, empty, uint.MaxValue);
        Assert.Equal((-22, "(struct empty[4294967295])"), Dump(b.Build(), array, []));
    }
}
