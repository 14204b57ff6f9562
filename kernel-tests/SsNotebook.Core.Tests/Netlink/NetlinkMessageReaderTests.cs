using SsNotebook.Core.Tests.Support;
using SsNotebook.Netlink;

namespace SsNotebook.Core.Tests.Netlink;

public class NetlinkMessageReaderTests
{
    [Fact]
    public void ReadsConsecutiveMessagesWithPadding()
    {
        var buffer = NetlinkBytes.Concat(
            NetlinkBytes.Message(20, 2, 7, 99, [1, 2, 3]),
            NetlinkBytes.Message(3, 2, 7, 99, NetlinkBytes.I32(0)));
        Assert.Equal(20 + 20, buffer.Length);
        var reader = new NetlinkMessageReader(buffer);

        Assert.True(reader.TryReadMessage(out var first));
        Assert.Equal(20, first.Type);
        Assert.Equal(2, first.Flags);
        Assert.Equal(7u, first.Sequence);
        Assert.Equal(99u, first.PortId);
        Assert.Equal(new byte[] { 1, 2, 3 }, first.Payload.ToArray());
        Assert.Equal(19, first.Bytes.Length);

        Assert.True(reader.TryReadMessage(out var second));
        Assert.Equal(3, second.Type);
        Assert.Equal(4, second.Payload.Length);

        Assert.False(reader.TryReadMessage(out _));
        Assert.Null(reader.Error);
    }

    [Fact]
    public void LastMessageMayLackTrailingPadding()
    {
        var message = NetlinkBytes.Message(20, 0, 1, 1, [9]);
        var reader = new NetlinkMessageReader(message.AsSpan(0, 17));
        Assert.True(reader.TryReadMessage(out var read));
        Assert.Equal(new byte[] { 9 }, read.Payload.ToArray());
        Assert.False(reader.TryReadMessage(out _));
        Assert.Null(reader.Error);
    }

    [Fact]
    public void TruncatedHeaderIsAnError()
    {
        var reader = new NetlinkMessageReader(new byte[10]);
        Assert.False(reader.TryReadMessage(out _));
        Assert.Equal("netlink message at byte 0 truncated: 10 bytes left, need 16", reader.Error);
    }

    [Fact]
    public void LengthShorterThanHeaderIsAnError()
    {
        var message = NetlinkBytes.Message(20, 0, 1, 1);
        message[0] = 8;
        var reader = new NetlinkMessageReader(message);
        Assert.False(reader.TryReadMessage(out _));
        Assert.Equal("netlink message at byte 0 has length 8, shorter than its header", reader.Error);
    }

    [Fact]
    public void LengthBeyondBufferIsAnErrorAndSticks()
    {
        var message = NetlinkBytes.Concat(NetlinkBytes.Message(20, 0, 1, 1, new byte[8]), NetlinkBytes.Message(20, 0, 1, 1));
        message[24] = 200;
        var reader = new NetlinkMessageReader(message);
        Assert.True(reader.TryReadMessage(out _));
        Assert.False(reader.TryReadMessage(out _));
        Assert.Equal("netlink message at byte 24 has length 200 but 16 bytes are left", reader.Error);
        Assert.False(reader.TryReadMessage(out _));
    }
}
