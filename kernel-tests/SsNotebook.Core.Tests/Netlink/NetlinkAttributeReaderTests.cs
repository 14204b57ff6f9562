using SsNotebook.Core.Tests.Support;
using SsNotebook.Netlink;

namespace SsNotebook.Core.Tests.Netlink;

public class NetlinkAttributeReaderTests
{
    [Fact]
    public void ReadsTypedValuesAndSkipsPadding()
    {
        var bytes = NetlinkBytes.Concat(
            NetlinkBytes.Attribute(1, 0x2a),
            NetlinkBytes.Attribute(2, NetlinkBytes.U16(0x1234)),
            NetlinkBytes.Attribute(3, NetlinkBytes.U32(0xdeadbeef)),
            NetlinkBytes.Attribute(4, NetlinkBytes.U64(0x0102030405060708)),
            NetlinkBytes.Attribute(5, "cubic\0"u8.ToArray()));
        var reader = new NetlinkAttributeReader(bytes);

        Assert.True(reader.TryReadAttribute());
        Assert.Equal(1, reader.Type);
        Assert.Equal(0x2a, reader.UInt8());
        Assert.True(reader.TryReadAttribute());
        Assert.Equal(0x1234, reader.UInt16());
        Assert.True(reader.TryReadAttribute());
        Assert.Equal(0xdeadbeefu, reader.UInt32());
        Assert.True(reader.TryReadAttribute());
        Assert.Equal(0x0102030405060708ul, reader.UInt64());
        Assert.True(reader.TryReadAttribute());
        Assert.Equal("cubic", reader.String());
        Assert.False(reader.TryReadAttribute());
        Assert.Null(reader.Error);
    }

    [Fact]
    public void MasksNestedAndByteOrderFlags()
    {
        var bytes = NetlinkBytes.Attribute(0x8000 | 0x4000 | 19, NetlinkBytes.Attribute(1, "tls\0"u8.ToArray()));
        var reader = new NetlinkAttributeReader(bytes);
        Assert.True(reader.TryReadAttribute());
        Assert.Equal(19, reader.Type);
        Assert.True(reader.IsNested);
        var nested = reader.Nested();
        Assert.True(nested.TryReadAttribute());
        Assert.Equal(1, nested.Type);
        Assert.Equal("tls", nested.String());
    }

    [Fact]
    public void LengthOverflowStopsWithError()
    {
        var bytes = NetlinkBytes.Concat(NetlinkBytes.Attribute(1, 1, 2, 3, 4), NetlinkBytes.Attribute(2, 5, 6, 7, 8));
        bytes[8] = 40;
        var reader = new NetlinkAttributeReader(bytes);
        Assert.True(reader.TryReadAttribute());
        Assert.False(reader.TryReadAttribute());
        Assert.Equal("attribute 2 at byte 8 has length 40 but 8 bytes remain", reader.Error);
        Assert.False(reader.TryReadAttribute());
    }

    [Fact]
    public void LengthBelowHeaderIsAnError()
    {
        var bytes = NetlinkBytes.Attribute(7, 1, 2, 3, 4);
        bytes[0] = 2;
        var reader = new NetlinkAttributeReader(bytes);
        Assert.False(reader.TryReadAttribute());
        Assert.Equal("attribute 7 at byte 0 has length 2 but 8 bytes remain", reader.Error);
    }

    [Fact]
    public void ShortPayloadForTypedReadSticksFirstError()
    {
        var bytes = NetlinkBytes.Concat(NetlinkBytes.Attribute(3, 1, 2), NetlinkBytes.Attribute(4, 1));
        var reader = new NetlinkAttributeReader(bytes);
        Assert.True(reader.TryReadAttribute());
        Assert.Equal(0u, reader.UInt32());
        Assert.Equal("attribute 3 at byte 0 has 2 bytes, need 4", reader.Error);
        Assert.False(reader.TryReadAttribute());
    }

    [Fact]
    public void TrailingBytesShorterThanAHeaderAreIgnored()
    {
        var bytes = NetlinkBytes.Concat(NetlinkBytes.Attribute(1, 9), new byte[] { 0, 0 });
        var reader = new NetlinkAttributeReader(bytes);
        Assert.True(reader.TryReadAttribute());
        Assert.False(reader.TryReadAttribute());
        Assert.Null(reader.Error);
    }

    [Fact]
    public void HeaderThenAttributesWithOffsets()
    {
        var bytes = NetlinkBytes.Concat(NetlinkBytes.U32(7), NetlinkBytes.U32(9), NetlinkBytes.Attribute(1, 1, 2));
        var reader = new NetlinkAttributeReader(bytes);
        Assert.True(reader.TryReadHeader<Pair>("pair", out var header));
        Assert.Equal(new Pair(7, 9), header);
        Assert.True(reader.TryReadAttribute());
        Assert.Equal(8, reader.Offset);
        Assert.Equal(new Pair(0, 0), reader.Read<Pair>());
        Assert.Equal("attribute 1 at byte 8 has 2 bytes, need 8", reader.Error);
    }

    [Fact]
    public void TruncatedHeaderNamesTheStructure()
    {
        var reader = new NetlinkAttributeReader(new byte[5]);
        Assert.False(reader.TryReadHeader<Pair>("pair", out _));
        Assert.Equal("pair at byte 0 truncated: 5 bytes, need 8", reader.Error);
        Assert.False(reader.TryReadAttribute());
    }

    [Fact]
    public void ZeroFilledReadKeepsTheLength()
    {
        var reader = new NetlinkAttributeReader(NetlinkBytes.Attribute(1, NetlinkBytes.U32(5)));
        Assert.True(reader.TryReadAttribute());
        Assert.Equal(new Pair(5, 0), reader.ReadZeroFilled<Pair>(out var length));
        Assert.Equal(4, length);
        Assert.Null(reader.Error);
    }

    [Fact]
    public void NestedErrorPropagatesWithItsOffsetInTheOuterPayload()
    {
        var inner = NetlinkBytes.Concat(NetlinkBytes.Attribute(1, NetlinkBytes.U32(3)), NetlinkBytes.Attribute(2, 1));
        var bytes = NetlinkBytes.Concat(NetlinkBytes.Attribute(5, 0), NetlinkBytes.Attribute(0x8000 | 6, inner), NetlinkBytes.Attribute(7, 0));
        var reader = new NetlinkAttributeReader(bytes);
        Assert.True(reader.TryReadAttribute());
        Assert.True(reader.TryReadAttribute());
        var sum = reader.Nested("outer", static (ref NetlinkAttributeReader nested) =>
        {
            uint total = 0;
            while (nested.TryReadAttribute())
            {
                total += nested.UInt32();
            }
            return total;
        });
        Assert.Equal(0u, sum);
        Assert.Equal("outer: attribute 2 at byte 20 has 1 bytes, need 4", reader.Error);
        Assert.False(reader.TryReadAttribute());
    }

    private readonly record struct Pair(uint First, uint Second);
}
