namespace SsNotebook.Diag;

/// <summary>
/// <c>ss -D</c>: the raw receive buffers of the TCP dump (AF_INET and its DONE, then AF_INET6 and its DONE), each
/// padded to 4 bytes as ss writes them. The state mask and -i/-m/--tos extensions apply; the filter expression does
/// not (ss dumps before parsing it).
/// </summary>
internal static class TcpDumpWriter
{
    public static byte[] Record(SsQuery query)
    {
        var output = new MemoryStream();
        var plan = new InetDumpPlan(Sockets.SocketTable.Tcp, query, bytecode: null);
        foreach (var family in plan.Families)
        {
            var recorder = new BufferRecorder();
            using var socket = NetlinkSocket.Open(SockDiag.NetlinkProtocol);
            try
            {
                NetlinkDump.Run(socket, plan.Request(family), NetlinkDump.MagicSequence, recorder);
            }
            catch (NetlinkException exception)
            {
                throw new SsException(exception.Message);
            }
            recorder.CopyTo(output);
        }
        return output.ToArray();
    }

    /// <summary>Keeps the raw buffers of one dump (only those of the last attempt if it was retried).</summary>
    private sealed class BufferRecorder : INetlinkDumpHandler
    {
        private readonly MemoryStream _buffers = new();

        public void OnMessage(in NetlinkMessage message)
        {
        }

        public void OnRestart() => _buffers.SetLength(0);

        public void OnBuffer(ReadOnlySpan<byte> buffer)
        {
            _buffers.Write(buffer);
            // ss writes NLMSG_ALIGN(length) bytes of each buffer.
            for (var pad = Nl.Align(buffer.Length) - buffer.Length; pad > 0; pad--)
            {
                _buffers.WriteByte(0);
            }
        }

        public void CopyTo(Stream destination)
        {
            _buffers.Position = 0;
            _buffers.CopyTo(destination);
        }
    }
}
