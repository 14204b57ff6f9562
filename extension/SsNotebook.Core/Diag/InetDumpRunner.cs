namespace SsNotebook.Diag;

/// <summary>
/// Runs the dumps of one <see cref="InetDumpPlan"/> to completion, keeping each family's raw payloads in a
/// <see cref="PayloadBuffer"/> until the dump is whole. Both families at once when there are two: on two threads,
/// or — for a sampler, when TCP — with one TCPDIAG_GETSOCK walk. A NetlinkException leaves nothing behind.
/// </summary>
internal sealed class InetDumpRunner(InetDumpPlan plan, IDumpObserver? observer, bool combineTcpFamilies)
{
    /// <summary>
    /// Runs the dumps and returns their buffers in family order, for the caller to emit and dispose. With
    /// <paramref name="direct"/>, the first of two families goes straight to it as it arrives instead.
    /// </summary>
    public List<PayloadBuffer> Run(DirectDump? direct)
    {
        var dumps = new List<PayloadBuffer>();
        foreach (var family in plan.Families)
        {
            dumps.Add(new PayloadBuffer(plan.FamilyMask, observer, plan.Table, family));
        }
        try
        {
            Run(dumps, direct);
            return dumps;
        }
        catch
        {
            DisposeAll(dumps);
            throw;
        }
    }

    public static void DisposeAll(List<PayloadBuffer> dumps)
    {
        foreach (var dump in dumps)
        {
            dump.Dispose();
        }
    }

    private void Run(List<PayloadBuffer> dumps, DirectDump? direct)
    {
        if (plan.HasBothFamilies && plan.Table == SocketTable.Tcp && combineTcpFamilies && plan.BpfStorages is null
            && TryDumpBothFamilies(dumps))
        {
            return;
        }
        if (plan.HasBothFamilies && observer is null)
        {
            if (direct is not null)
            {
                dumps[0].Dispose();
                dumps.RemoveAt(0);
            }
            DumpBothFamiliesAtOnce(dumps, direct);
            return;
        }
        for (var i = 0; i < plan.Families.Length; i++)
        {
            using var socket = NetlinkSocket.Open(SockDiag.NetlinkProtocol);
            NetlinkDump.Run(socket, plan.Request(plan.Families[i]), NetlinkDump.MagicSequence, dumps[i]);
        }
    }

    /// <summary>One TCPDIAG_GETSOCK dump into both buffers; false (everything of it forgotten) when the kernel refuses
    /// the old request, so the caller makes the two usual ones.</summary>
    private bool TryDumpBothFamilies(List<PayloadBuffer> dumps)
    {
        var handler = new BothFamiliesDump(dumps[0], dumps[1], observer, plan.Table);
        try
        {
            using var socket = NetlinkSocket.Open(SockDiag.NetlinkProtocol);
            NetlinkDump.Run(socket, plan.CombinedTcpRequest(), NetlinkDump.MagicSequence, handler);
            return true;
        }
        catch (NetlinkException)
        {
            handler.OnRestart();
            return false;
        }
    }

    /// <summary>
    /// The kernel's walk of the socket hash tables is most of a dump's cost, so the AF_INET6 dump runs on a second
    /// thread while this one does AF_INET. Both sockets are opened here first, so they belong to this thread's
    /// (possibly -N) namespace.
    /// </summary>
    private void DumpBothFamiliesAtOnce(List<PayloadBuffer> dumps, DirectDump? direct)
    {
        using var socket4 = NetlinkSocket.Open(SockDiag.NetlinkProtocol);
        using var socket6 = NetlinkSocket.Open(SockDiag.NetlinkProtocol);
        Exception? failure6 = null;
        var request6 = plan.Request(AddressFamilies.Inet6);
        var worker = new Thread(() =>
        {
            try
            {
                NetlinkDump.Run(socket6, request6, NetlinkDump.MagicSequence, dumps[^1]);
            }
            catch (Exception exception)
            {
                failure6 = exception;
            }
        })
        {
            IsBackground = true,
            Name = $"{plan.Table} inet6 dump",
        };
        worker.Start();
        try
        {
            NetlinkDump.Run(socket4, plan.Request(AddressFamilies.Inet), NetlinkDump.MagicSequence, direct ?? (INetlinkDumpHandler)dumps[0]);
        }
        finally
        {
            worker.Join();
        }
        if (failure6 is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure6).Throw();
        }
    }

    /// <summary>
    /// The replies of one TCP dump covering both families: each message goes to its family's buffer, so the sockets
    /// still come out AF_INET first, as from two dumps; the observer sees each raw buffer once, as
    /// <see cref="InetDiag.BothFamilies"/>.
    /// </summary>
    private sealed class BothFamiliesDump(PayloadBuffer inet, PayloadBuffer inet6, IDumpObserver? observer, SocketTable table)
        : INetlinkDumpHandler
    {
        public void OnMessage(in NetlinkMessage message)
        {
            var payload = message.Payload;
            if (payload.Length > 0 && payload[0] == AddressFamilies.Inet6)
            {
                inet6.OnMessage(message);
            }
            else
            {
                inet.OnMessage(message);
            }
        }

        public void OnRestart()
        {
            inet.Dispose();
            inet6.Dispose();
            observer?.OnRestart(table, InetDiag.BothFamilies);
        }

        public void OnBuffer(ReadOnlySpan<byte> buffer) => observer?.OnReply(table, InetDiag.BothFamilies, buffer);
    }
}
