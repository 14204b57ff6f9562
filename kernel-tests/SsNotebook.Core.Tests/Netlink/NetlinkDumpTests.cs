using SsNotebook.Core.Tests.Support;
using SsNotebook.Netlink;

namespace SsNotebook.Core.Tests.Netlink;

public class NetlinkDumpTests
{
    private const uint Port = 4242;
    private const uint Seq = NetlinkDump.MagicSequence;

    [Fact]
    public void MultipartDumpEndsAtDone()
    {
        var transport = new ScriptedTransport(
            [NetlinkBytes.Concat(Data(1), Data(2)), NetlinkBytes.Concat(Data(3), Done(0))]);
        var handler = new RecordingHandler();
        NetlinkDump.Run(transport, [1, 2, 3], Seq, handler);
        Assert.Equal([1, 2, 3], handler.Messages);
        Assert.Equal(1, transport.Sends);
        Assert.Equal(2, handler.Buffers);
    }

    [Fact]
    public void MessagesForOtherSequencesOrPortsAreSkipped()
    {
        var foreign = NetlinkBytes.Message(20, 2, Seq + 1, Port, [7]);
        var otherPort = NetlinkBytes.Message(20, 2, Seq, Port + 1, [8]);
        var transport = new ScriptedTransport([NetlinkBytes.Concat(foreign, otherPort, Data(1), Done(0))]);
        var handler = new RecordingHandler();
        NetlinkDump.Run(transport, [0], Seq, handler);
        Assert.Equal([1], handler.Messages);
    }

    [Fact]
    public void DatagramsFromNonKernelSendersAreSkipped()
    {
        var transport = new ScriptedTransport([NetlinkBytes.Concat(Data(5), Done(0)), NetlinkBytes.Concat(Data(1), Done(0))], firstSender: 77);
        var handler = new RecordingHandler();
        NetlinkDump.Run(transport, [0], Seq, handler);
        Assert.Equal([1], handler.Messages);
    }

    [Fact]
    public void ErrorMessageRaisesErrno()
    {
        var error = NetlinkBytes.Message(2, 0, Seq, Port, NetlinkBytes.I32(-22), new byte[16]);
        var transport = new ScriptedTransport([error]);
        var exception = Assert.Throws<NetlinkException>(() => NetlinkDump.Run(transport, [0], Seq, new RecordingHandler()));
        Assert.Equal(22, exception.Errno);
        Assert.Equal("RTNETLINK answers: Invalid argument", exception.Message);
    }

    [Fact]
    public void TruncatedErrorMessageIsReported()
    {
        var transport = new ScriptedTransport([NetlinkBytes.Message(2, 0, Seq, Port, NetlinkBytes.I32(-2))]);
        var exception = Assert.Throws<NetlinkException>(() => NetlinkDump.Run(transport, [0], Seq, new RecordingHandler()));
        Assert.Equal(0, exception.Errno);
        Assert.Equal("ERROR truncated", exception.Message);
    }

    [Fact]
    public void DoneWithNegativeErrorRaisesErrno()
    {
        var transport = new ScriptedTransport([NetlinkBytes.Concat(Data(1), Done(-2))]);
        var exception = Assert.Throws<NetlinkException>(() => NetlinkDump.Run(transport, [0], Seq, new RecordingHandler()));
        Assert.Equal(2, exception.Errno);
        Assert.Equal("RTNETLINK answers: No such file or directory", exception.Message);
    }

    [Fact]
    public void InterruptedDumpIsRetriedWhole()
    {
        var interrupted = NetlinkBytes.Message(20, 2 | 0x10, Seq, Port, [1]);
        var transport = new ScriptedTransport(
            [NetlinkBytes.Concat(interrupted, Data(2)), Done(0), NetlinkBytes.Concat(Data(1), Data(2), Done(0))]);
        var handler = new RecordingHandler();
        NetlinkDump.Run(transport, [0], Seq, handler);
        Assert.Equal([1, 2], handler.Messages);
        Assert.Equal(2, transport.Sends);
        Assert.Equal(1, handler.Restarts);
    }

    [Fact]
    public void DumpInterruptedOnEveryAttemptFails()
    {
        var interrupted = NetlinkBytes.Concat(NetlinkBytes.Message(20, 0x12, Seq, Port, [1]), Done(0));
        var transport = new ScriptedTransport([interrupted, interrupted, interrupted, interrupted]);
        var handler = new RecordingHandler();
        var exception = Assert.Throws<NetlinkException>(() => NetlinkDump.Run(transport, [0], Seq, handler, attempts: 4));
        Assert.Equal("Dump was interrupted and may be inconsistent.", exception.Message);
        Assert.Equal(4, transport.Sends);
    }

    [Fact]
    public void MalformedDatagramRaises()
    {
        var bad = Data(1);
        bad[0] = 100;
        var transport = new ScriptedTransport([bad]);
        var exception = Assert.Throws<NetlinkException>(() => NetlinkDump.Run(transport, [0], Seq, new RecordingHandler()));
        Assert.Equal("netlink message at byte 0 has length 100 but 20 bytes are left", exception.Message);
    }

    private static byte[] Data(byte value) => NetlinkBytes.Message(20, 2, Seq, Port, [value]);

    private static byte[] Done(int error) => NetlinkBytes.Message(3, 2, Seq, Port, NetlinkBytes.I32(error));

    private sealed class ScriptedTransport(byte[][] datagrams, uint firstSender = 0) : INetlinkTransport
    {
        private int _next;

        public int Sends { get; private set; }

        public uint PortId => Port;

        public void Send(ReadOnlySpan<byte> request) => Sends++;

        public int Receive(Span<byte> buffer, out uint senderPortId)
        {
            senderPortId = _next == 0 ? firstSender : 0;
            var datagram = datagrams[_next++];
            datagram.CopyTo(buffer);
            return datagram.Length;
        }
    }

    private sealed class RecordingHandler : INetlinkDumpHandler
    {
        public List<byte> Messages { get; } = [];

        public int Restarts { get; private set; }

        public int Buffers { get; private set; }

        public void OnMessage(in NetlinkMessage message) => Messages.Add(message.Payload[0]);

        public void OnRestart()
        {
            Messages.Clear();
            Restarts++;
        }

        public void OnBuffer(ReadOnlySpan<byte> buffer) => Buffers++;
    }
}
