using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Sockets;

public class TcpInfoTests
{
    [Fact]
    public void ShortPayloadIsZeroFilledAndLengthKept()
    {
        var payload = new byte[104];
        payload[4] = 3;                                    // backoff
        BitConverter.GetBytes(200_000u).CopyTo(payload, 8); // rto
        BitConverter.GetBytes(1234u).CopyTo(payload, 68);  // rtt
        var info = TcpInfo.Read(payload);
        Assert.Equal(104, info.Length);
        Assert.Equal(3, info.Backoff);
        Assert.Equal(200_000u, info.Rto);
        Assert.Equal(1234u, info.Rtt);
        Assert.Equal(0ul, info.PacingRate);
        Assert.False(info.Has(104, 8));
        Assert.True(info.Has(100, 4));
    }

    [Fact]
    public void FieldTableMatchesStructOffsets()
    {
        var payload = new byte[TcpInfo.KnownSize + 20];
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(i * 7 + 1);
        }
        var info = TcpInfo.Read(payload);
        Assert.Equal(TcpInfo.KnownSize, info.Length);
        var byName = TcpInfoField.All.ToDictionary(f => f.Name);
        Assert.Equal(info.SndCwnd, byName["snd_cwnd"].ValueOf(info));
        Assert.Equal(info.BytesAcked, byName["bytes_acked"].ValueOf(info));
        Assert.Equal(info.TotalRto, byName["total_rto"].ValueOf(info));
        Assert.Equal(info.ReceivedCeBytes, byName["received_ce_bytes"].ValueOf(info));
        Assert.Equal(info.SndWscale, byName["snd_wscale"].ValueOf(info));
        Assert.Equal(info.RcvWscale, byName["rcv_wscale"].ValueOf(info));
        Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(80)), info.SndCwnd);
    }

    [Fact]
    public void FieldsAreFoundByTheirKernelNames()
    {
        Assert.Equal((68, 4), (TcpInfoField.Named("rtt").Offset, TcpInfoField.Named("rtt").Size));
        Assert.Equal("unknown tcp_info field tcpi_rtt (Parameter 'name')",
            Assert.Throws<ArgumentException>(() => TcpInfoField.Named("tcpi_rtt")).Message);
    }
}
