using Microsoft.Data.Analysis;
using SsNotebook.Processes;
using SsNotebook.Sockets;

namespace SsNotebook.Frames;

/// <summary>Builds the <c>Sockets</c> frame: one row per socket, the columns of ss's table plus identities.</summary>
public static class SocketFrameBuilder
{
    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets, ProcessTable? processes)
    {
        var count = sockets.Count;
        var netid = new StringDataFrameColumn("Netid", count);
        var state = new StringDataFrameColumn("State", count);
        var recvQ = new UInt32DataFrameColumn("RecvQ", count);
        var sendQ = new UInt32DataFrameColumn("SendQ", count);
        var localAddress = new StringDataFrameColumn("LocalAddress", count);
        var localPort = new UInt16DataFrameColumn("LocalPort", count);
        var peerAddress = new StringDataFrameColumn("PeerAddress", count);
        var peerPort = new UInt16DataFrameColumn("PeerPort", count);
        var interfaceIndex = new UInt32DataFrameColumn("Interface", count);
        var uid = new UInt32DataFrameColumn("Uid", count);
        var inode = new UInt32DataFrameColumn("Inode", count);
        var cookie = new UInt64DataFrameColumn("Cookie", count);
        var process = processes is null ? null : new StringDataFrameColumn("Process", count);
        var pid = processes is null ? null : new Int32DataFrameColumn("Pid", count);

        for (var i = 0; i < count; i++)
        {
            var socket = sockets[i];
            netid[i] = SocketNames.Netid(socket.Table);
            state[i] = SocketNames.State(socket.State);
            recvQ[i] = socket.RecvQ;
            sendQ[i] = socket.SendQ;
            if (socket.Local is null)
            {
                localAddress[i] = socket.LocalAddress.ToString();
                localPort[i] = socket.LocalPort;
                peerAddress[i] = socket.PeerAddress.ToString();
                peerPort[i] = socket.PeerPort;
            }
            else if (socket.Local is UnixSocketDetails unix)
            {
                // A unix socket's address is its path (@ for abstract names, * when unbound), as ss prints it;
                // it has no ports, so those cells stay null rather than a made-up number.
                localAddress[i] = unix.Name ?? "*";
                peerAddress[i] = "*";
            }
            interfaceIndex[i] = socket.InterfaceIndex;
            uid[i] = socket.Uid;
            inode[i] = socket.Inode;
            cookie[i] = socket.Cookie;
            if (processes is not null)
            {
                var users = processes.UsersOf(socket.Inode);
                process![i] = users.IsEmpty ? null : JoinCommands(users);
                pid![i] = users.IsEmpty ? null : users[0].Pid;
            }
        }

        var frame = new DataFrame(netid, state, recvQ, sendQ, localAddress, localPort, peerAddress, peerPort, interfaceIndex, uid, inode, cookie);
        if (process is not null)
        {
            frame.Columns.Add(process);
            frame.Columns.Add(pid);
        }
        return frame;
    }

    /// <summary>The distinct command names holding the socket, in ss's order, comma separated.</summary>
    private static string JoinCommands(ReadOnlySpan<SocketUser> users)
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
