using Microsoft.Data.Analysis;
using SsNotebook.Sockets;

namespace SsNotebook.Frames;

/// <summary>Builds the <c>Timers</c> frame: one row per socket with a pending timer (ss's <c>timer:(…)</c>).</summary>
public static class TimerFrameBuilder
{
    /// <summary>USER_HZ: /proc/net reports timer expiry in clock ticks of 1/100 s.</summary>
    private const uint ProcTicksPerSecond = 100;

    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        var count = 0;
        foreach (var socket in sockets)
        {
            if (socket.Timer != 0)
            {
                count++;
            }
        }
        var cookie = new FrameColumnBuilder<ulong>(count);
        var timer = new string?[count];
        var expires = new FrameColumnBuilder<uint>(count);
        var retransmits = new FrameColumnBuilder<byte>(count);
        var row = 0;
        foreach (var socket in sockets)
        {
            if (socket.Timer == 0)
            {
                continue;
            }
            cookie.Set(row, socket.Cookie);
            timer[row] = SocketNames.Timer(socket.Timer);
            expires.Set(row, ExpiresMilliseconds(socket));
            retransmits.Set(row, socket.Retransmits);
            row++;
        }
        return new DataFrame(
            cookie.ToColumn("Cookie"), StringColumns.Of("Timer", timer), expires.ToColumn("ExpiresMs"), retransmits.ToColumn("Retransmits"));
    }

    /// <summary>The timer's expiry in milliseconds (the /proc files count it in ticks).</summary>
    public static uint ExpiresMilliseconds(SocketRecord socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return socket.Has(SocketAttributes.FromProc) ? socket.Expires * (1000 / ProcTicksPerSecond) : socket.Expires;
    }
}
