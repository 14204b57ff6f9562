namespace SsNotebook.Core.Tests.Filter;

public class InetBytecodeTests
{
    private static byte[] Compile(string filter) => FilterTestContext.Parse(filter)!.CompileInetBytecode()!;

    [Fact]
    public void PortConditionHasNoAddress()
    {
        Assert.Equal([7, 12, 16, 0, 0, 0, 0, 0, 22, 0, 0, 0], Compile("sport = 22"));
        Assert.Equal([8, 12, 16, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff], Compile("dst *"));
    }

    [Fact]
    public void PrefixConditionCarriesFamilyLengthAndMaskedAddress()
    {
        Assert.Equal([7, 16, 20, 0, 2, 8, 0, 0, 80, 0, 0, 0, 10, 0, 0, 0], Compile("src 10.1.2.3/8:80"));
        Assert.Equal([8, 28, 32, 0, 10, 128, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
            Compile("dst [::1]"));
    }

    [Fact]
    public void EveryAddressOfAHostNameGetsItsOwnOp()
    {
        var program = Compile("src multi.test");
        Assert.Equal(68, program.Length);
        Assert.Equal([7, 16, 20, 0, 2, 32, 0, 0, 0xff, 0xff, 0xff, 0xff, 192, 0, 2, 1], program[..16]);
        Assert.Equal([1, 4, 52, 0], program[16..20]);
        Assert.Equal([7, 16, 20, 0, 2, 32, 0, 0, 0xff, 0xff, 0xff, 0xff, 192, 0, 2, 2], program[20..36]);
        Assert.Equal([1, 4, 32, 0], program[36..40]);
        Assert.Equal([7, 28, 32, 0, 10, 128, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x20, 0x01, 0x0d, 0xb8], program[40..56]);
    }

    [Fact]
    public void PortRangesClampToSixteenBits()
    {
        Assert.Equal([4, 8, 12, 0, 0, 0, 0, 4], Compile("dport >= 1024"));
        Assert.Equal([3, 8, 12, 0, 0, 0, 0xfe, 0xff], Compile("sport <= 65534"));
        Assert.Equal([0, 4, 8, 0], Compile("sport <= 65535"));
        Assert.Equal([0, 4, 8, 0], Compile("sport >= 0"));
        Assert.Equal([1, 4, 8, 0], Compile("sport >= 65536"));
        Assert.Equal([1, 4, 8, 0], Compile("sport <= -1"));
    }

    [Fact]
    public void BooleanOperatorsJumpAsSsDoes()
    {
        Assert.Equal([6, 4, 8, 0, 1, 4, 8, 0], Compile("not autobound"));
        Assert.Equal([6, 4, 12, 0, 6, 4, 8, 0], Compile("autobound and autobound"));
        Assert.Equal([6, 4, 8, 0, 1, 4, 12, 0, 9, 8, 12, 0, 1, 0, 0, 0], Compile("autobound or dev lo"));
        // (A or B) and C: A's reject lands on B, B's reject is stretched over C.
        Assert.Equal([6, 4, 8, 0, 1, 4, 8, 0, 6, 4, 12, 0, 6, 4, 8, 0], Compile("autobound or autobound and autobound"));
    }

    [Fact]
    public void MarkDeviceAndCgroupConditions()
    {
        Assert.Equal([10, 12, 16, 0, 0x10, 0, 0, 0, 0xf0, 0, 0, 0], Compile("fwmark 0x10/0xf0"));
        Assert.Equal([9, 8, 12, 0, 2, 0, 0, 0], Compile("dev eth0"));
    }

    [Fact]
    public void OtherFamiliesNeverMatchAnInetSocket()
    {
        Assert.Equal([1, 4, 8, 0], Compile("src unix:*"));
        Assert.Equal([1, 4, 8, 0], Compile("src link:ip"));
    }
}
