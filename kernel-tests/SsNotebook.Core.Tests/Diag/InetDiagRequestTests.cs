using System.Buffers.Binary;
using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Diag;

public class InetDiagRequestTests
{
    [Fact]
    public void ExtensionBitsFollowSs()
    {
        Assert.Equal(0, InetDiagRequest.Extensions(new ShowOptions()));
        Assert.Equal(0x41, InetDiagRequest.Extensions(new ShowOptions { Memory = true }));
        Assert.Equal(0x0e, InetDiagRequest.Extensions(new ShowOptions { TcpInfo = true }));
        Assert.Equal(0x30, InetDiagRequest.Extensions(new ShowOptions { Tos = true }));
        Assert.Equal(0x7f, InetDiagRequest.Extensions(new ShowOptions { Memory = true, TcpInfo = true, Tos = true, Details = true, Options = true }));
    }

    [Fact]
    public void TcpRequestBytes()
    {
        var request = InetDiagRequest.Build(2, 6, 0x0e, StateSet.Of(SocketState.Listen), bytecode: null);
        Assert.Equal(72, request.Length);
        Assert.Equal(72u, BinaryPrimitives.ReadUInt32LittleEndian(request));
        Assert.Equal(20, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(4)));
        Assert.Equal(0x301, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(6)));
        Assert.Equal(123456u, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(8)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(12)));
        Assert.Equal(new byte[] { 2, 6, 0x0e, 0 }, request[16..20]);
        Assert.Equal(1u << 10, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(20)));
        Assert.All(request[24..72], b => Assert.Equal(0, b));
    }

    [Fact]
    public void BytecodeAndMptcpProtocolAttributes()
    {
        var request = InetDiagRequest.Build(10, 262, 0, new StateSet(0xfff), bytecode: [1, 2, 3, 4, 5, 6]);
        Assert.Equal(72 + 12 + 8, request.Length);
        Assert.Equal(6, request[17]);
        Assert.Equal(10, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(72)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(74)));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 0, 0 }, request[76..84]);
        Assert.Equal(8, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(84)));
        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(86)));
        Assert.Equal(262u, BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(88)));
    }

    [Fact]
    public void ProtocolPerTable()
    {
        Assert.Equal(6, InetDiagRequest.ProtocolOf(SocketTable.Tcp));
        Assert.Equal(17, InetDiagRequest.ProtocolOf(SocketTable.Udp));
        Assert.Equal(255, InetDiagRequest.ProtocolOf(SocketTable.Raw));
        Assert.Equal(33, InetDiagRequest.ProtocolOf(SocketTable.Dccp));
        Assert.Equal(132, InetDiagRequest.ProtocolOf(SocketTable.Sctp));
        Assert.Equal(262, InetDiagRequest.ProtocolOf(SocketTable.Mptcp));
        Assert.Equal(-1, InetDiagRequest.ProtocolOf(SocketTable.UnixStream));
    }
}
