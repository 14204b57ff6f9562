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
        var cookie = new UInt64DataFrameColumn("Cookie");
        var timer = new StringDataFrameColumn("Timer");
        var expires = new UInt32DataFrameColumn("ExpiresMs");
        var retransmits = new ByteDataFrameColumn("Retransmits");
        foreach (var socket in sockets)
        {
            if (socket.Timer == 0)
            {
                continue;
            }
            cookie.Append(socket.Cookie);
            timer.Append(SocketNames.Timer(socket.Timer));
            expires.Append(socket.Has(SocketAttributes.FromProc) ? socket.Expires * (1000 / ProcTicksPerSecond) : socket.Expires);
            retransmits.Append(socket.Retransmits);
        }
        return new DataFrame(cookie, timer, expires, retransmits);
    }
}
