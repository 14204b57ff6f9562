using SsNotebook.Core.Tests.Support;
using SsNotebook.Netlink;

namespace SsNotebook.Core.Tests.Netlink;

public class NetlinkReplyReaderTests
{
    private const uint Seq = 5;

    [Fact]
    public void YieldsDataMessagesAndStopsAtDone()
    {
        var buffer = NetlinkBytes.Concat(Data(1), NetlinkBytes.Message(1, 0, Seq, 9), Data(2), Done(-4), Data(3));
        var reader = new NetlinkReplyReader(buffer, Seq);
        Assert.True(reader.TryReadMessage(out var first));
        Assert.Equal(1, first.Payload[0]);
        Assert.True(reader.TryReadMessage(out var second));
        Assert.Equal(2, second.Payload[0]);
        Assert.False(reader.TryReadMessage(out _));
        Assert.Equal(NetlinkReplyEnd.Done, reader.End);
        Assert.Equal(-4, reader.Status);
        Assert.False(reader.TryReadMessage(out _));
    }

    [Fact]
    public void SkipsOtherSequencesAndPortsWhenAsked()
    {
        var buffer = NetlinkBytes.Concat(NetlinkBytes.Message(20, 0, Seq + 1, 9, [7]), NetlinkBytes.Message(20, 0, Seq, 8, [8]), Data(1));
        var reader = new NetlinkReplyReader(buffer, Seq, portId: 9);
        Assert.True(reader.TryReadMessage(out var message));
        Assert.Equal(1, message.Payload[0]);
        Assert.False(reader.TryReadMessage(out _));
        Assert.Equal(NetlinkReplyEnd.None, reader.End);
        Assert.Null(reader.Error);
    }

    [Fact]
    public void ContinuesAfterAnError()
    {
        var buffer = NetlinkBytes.Concat(NetlinkBytes.Message(2, 0, Seq, 9, NetlinkBytes.I32(0), new byte[16]), Data(1),
            NetlinkBytes.Message(2, 0, Seq, 9, NetlinkBytes.I32(-2)));
        var reader = new NetlinkReplyReader(buffer);
        Assert.False(reader.TryReadMessage(out _));
        Assert.Equal(NetlinkReplyEnd.Error, reader.End);
        Assert.Equal(0, reader.Status);
        Assert.True(reader.TryReadMessage(out _));
        Assert.False(reader.TryReadMessage(out _));
        Assert.Equal(NetlinkReplyEnd.Error, reader.End);
        Assert.Null(reader.Status);
    }

    [Fact]
    public void NotesDumpInterruptedAndRequiresPaddingWhenAsked()
    {
        var buffer = NetlinkBytes.Message(20, Nl.FlagDumpIntr, Seq, 9, [1]);
        var padded = new NetlinkReplyReader(buffer.AsSpan(0, 17), paddingRequired: true);
        Assert.False(padded.TryReadMessage(out _));
        Assert.Equal("netlink message at byte 0 has length 17 but 17 bytes are left", padded.Error);
        var reader = new NetlinkReplyReader(buffer.AsSpan(0, 17));
        Assert.True(reader.TryReadMessage(out _));
        Assert.True(reader.Interrupted);
    }

    private static byte[] Data(byte value) => NetlinkBytes.Message(20, 2, Seq, 9, [value]);

    private static byte[] Done(int status) => NetlinkBytes.Message(3, 2, Seq, 9, NetlinkBytes.I32(status));
}
