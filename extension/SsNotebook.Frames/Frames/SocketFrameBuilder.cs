namespace SsNotebook.Frames;

/// <summary>Builds the <c>Sockets</c> frame: one row per socket, the columns of ss's table plus identities.</summary>
/// <remarks>Ports are <c>int</c> columns although the kernel's are 16-bit: a user writes <c>PeerPort == 5201</c>,
/// <c>(int)row["PeerPort"]</c> or <c>Column&lt;int&gt;("PeerPort")</c>, and C# arithmetic on ports is int anyway.
/// The interface is named as ss's text names it (<c>%eth0</c>), null when the socket is bound to none.</remarks>
internal static class SocketFrameBuilder
{
    /// <param name="sockets">The sockets, one row each.</param>
    /// <param name="processes">The -p process table, or null for no Process and Pid columns.</param>
    /// <param name="names">The invocation's interface names (<see cref="NamingTables.Interfaces"/>: its -N
    /// namespace's, or a replay's recorded ones); null names them from this machine.</param>
    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets, ProcessTable? processes, InterfaceNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        var count = sockets.Count;
        var netid = new string?[count];
        var state = new string?[count];
        var recvQ = new FrameColumnBuilder<uint>(count);
        var sendQ = new FrameColumnBuilder<uint>(count);
        var localAddress = new string?[count];
        var localPort = new FrameColumnBuilder<int>(count);
        var peerAddress = new string?[count];
        var peerPort = new FrameColumnBuilder<int>(count);
        var interfaceName = new string?[count];
        var interfaces = new InterfaceCells(names);
        var uid = new FrameColumnBuilder<uint>(count);
        var inode = new FrameColumnBuilder<uint>(count);
        var cookie = new FrameColumnBuilder<ulong>(count);
        var process = processes is null ? null : new string?[count];
        var pid = processes is null ? null : new FrameColumnBuilder<int>(count);
        var processContext = processes is { HasProcessContexts: true } ? new string?[count] : null;
        var socketContext = processes is { HasSocketContexts: true } ? new string?[count] : null;
        var addresses = new AddressNames();

        for (var i = 0; i < count; i++)
        {
            var socket = sockets[i];
            netid[i] = SocketNames.Netid(socket);
            state[i] = SocketNames.State(socket.State);
            recvQ.Set(i, socket.RecvQ);
            sendQ.Set(i, socket.SendQ);
            if (socket.Local is null)
            {
                localAddress[i] = addresses.Of(socket.LocalAddress);
                localPort.Set(i, socket.LocalPort);
                peerAddress[i] = addresses.Of(socket.PeerAddress);
                peerPort.Set(i, socket.PeerPort);
            }
            else if (socket.Local is UnixSocketDetails unix)
            {
                // A unix socket's address is its path (@ for abstract names, * when unbound), as ss prints it;
                // it has no ports, so those cells stay null rather than a made-up number.
                localAddress[i] = unix.Name ?? "*";
                peerAddress[i] = "*";
            }
            interfaceName[i] = interfaces.Of(socket.InterfaceIndex);
            uid.Set(i, socket.Uid);
            inode.Set(i, socket.Inode);
            cookie.Set(i, socket.Cookie);
            if (processes is not null)
            {
                var users = processes.UsersOf(socket.Inode);
                if (!users.IsEmpty)
                {
                    process![i] = JoinCommands(users);
                    pid!.Set(i, users[0].Pid);
                    // The contexts of the holder Pid names, "unavailable" as ss prints one it could not read.
                    processContext?[i] = users[0].ProcessContext ?? SecurityContextText.Unavailable;
                    socketContext?[i] = users[0].SocketContext ?? SecurityContextText.Unavailable;
                }
            }
        }

        var frame = new DataFrame(
            StringColumns.Of("Netid", netid), StringColumns.Of("State", state), recvQ.ToColumn("RecvQ"), sendQ.ToColumn("SendQ"),
            StringColumns.Of("LocalAddress", localAddress), localPort.ToColumn("LocalPort"),
            StringColumns.Of("PeerAddress", peerAddress), peerPort.ToColumn("PeerPort"),
            StringColumns.Of("Interface", interfaceName), uid.ToColumn("Uid"), inode.ToColumn("Inode"), cookie.ToColumn("Cookie"));
        if (process is not null)
        {
            frame.Columns.Add(StringColumns.Of("Process", process));
            frame.Columns.Add(pid!.ToColumn("Pid"));
        }
        if (processContext is not null)
        {
            frame.Columns.Add(StringColumns.Of("ProcessContext", processContext));
        }
        if (socketContext is not null)
        {
            frame.Columns.Add(StringColumns.Of("SocketContext", socketContext));
        }
        return frame;
    }

    /// <summary>The distinct command names holding the socket, in ss's order, comma separated.</summary>
    public static string JoinCommands(ReadOnlySpan<SocketUser> users)
    {
        if (users.Length == 1)
        {
            return users[0].Command;
        }
        var names = new List<string>(users.Length);
        foreach (var user in users)
        {
            if (!names.Contains(user.Command))
            {
                names.Add(user.Command);
            }
        }
        return string.Join(",", names);
    }
}

/// <summary>
/// The text of each distinct address, made once: a dump has few distinct addresses (a host's own, loopback, a
/// handful of peers) repeated over thousands of sockets, and formatting one costs an IPAddress and a string.
/// </summary>
internal sealed class AddressNames
{
    private readonly Dictionary<InetAddress, string> _names = [];

    /// <summary>The address as <see cref="InetAddress.ToString"/> writes it.</summary>
    public string Of(InetAddress address)
    {
        if (!_names.TryGetValue(address, out var name))
        {
            name = address.ToString();
            _names[address] = name;
        }
        return name;
    }
}
