namespace SsNotebook.Diag;

/// <summary>
/// The -K step between the collector and what shows the sockets: each socket the query selected (states and filter
/// already applied) is closed with SOCK_DESTROY and passed on only if the kernel closed it. As ss: a socket the
/// kernel cannot close (EOPNOTSUPP) or no longer has (ENOENT) is skipped silently; any other refusal is reported
/// ("SOCK_DESTROY answers: …") and ends the killing of that table. Sockets of non-inet tables and those read from
/// /proc/net or a TCPDIAG_FILE pass unharmed, as ss never sends SOCK_DESTROY for those.
/// </summary>
/// <param name="destroyer">Sends the SOCK_DESTROY requests.</param>
/// <param name="inner">Receives the sockets the kernel closed.</param>
/// <param name="protocol">The protocol ss puts in the request, when not the socket's table's: ss -E -K sends
/// IPPROTO_MAX, whose byte is 0.</param>
internal sealed class SocketKiller(SocketDestroyer destroyer, ISocketSink inner, int? protocol = null) : ISocketSink
{
    private readonly List<string> _diagnostics = [];
    private SocketTable? _refusedTable;

    public bool ReusesRecords => inner.ReusesRecords;

    /// <summary>The sockets the kernel closed.</summary>
    public int Killed { get; private set; }

    /// <summary>What ss would have printed on stderr: the refusals that stopped a table.</summary>
    public IReadOnlyList<string> Diagnostics => _diagnostics;

    public void Add(SocketRecord socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var tableProtocol = InetDiagRequest.ProtocolOf(socket.Table);
        if (tableProtocol < 0 || (socket.Present & (SocketAttributes.FromProc | SocketAttributes.FromFile)) != 0)
        {
            // ss kills inet sockets only; the other tables of a -K query are listed as usual.
            inner.Add(socket);
            return;
        }
        if (_refusedTable == socket.Table)
        {
            return;
        }
        var errno = destroyer.Destroy(socket, protocol ?? tableProtocol);
        if (errno == 0)
        {
            Killed++;
            inner.Add(socket);
        }
        else if (errno != LibC.Enoent && errno != LibC.Eopnotsupp)
        {
            _diagnostics.Add($"SOCK_DESTROY answers: {LibC.ErrorText(errno)}");
            _refusedTable = socket.Table;
        }
    }
}
