namespace SsNotebook.Frames;

/// <summary>Builds the <c>Timers</c> frame: one row per socket with a pending timer (ss's <c>timer:(…)</c>).</summary>
internal static class TimerFrameBuilder
{
    /// <summary>USER_HZ: /proc/net reports timer expiry in clock ticks of 1/100 s.</summary>
    private const uint ProcTicksPerSecond = 100;

    public static DataFrame Build(IReadOnlyList<SocketRecord> sockets) =>
        FrameColumns.OfSocketsWith(sockets, socket => socket.Timer != 0, AddColumns);

    /// <summary>Appends Timer, ExpiresMs and Retransmits for <paramref name="sockets"/>, one row per socket (Timer
    /// and ExpiresMs null where no timer is pending).</summary>
    public static void AddColumns(DataFrame frame, IReadOnlyList<SocketRecord> sockets)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(sockets);
        var count = sockets.Count;
        var timer = new string?[count];
        var expires = new FrameColumnBuilder<uint>(count);
        var retransmits = new FrameColumnBuilder<byte>(count);
        for (var row = 0; row < count; row++)
        {
            var socket = sockets[row];
            if (socket.Timer != 0)
            {
                timer[row] = SocketNames.Timer(socket.Timer);
                expires.Set(row, ExpiresMilliseconds(socket));
            }
            retransmits.Set(row, socket.Retransmits);
        }
        frame.Columns.Add(StringColumns.Of("Timer", timer));
        frame.Columns.Add(expires.ToColumn("ExpiresMs"));
        frame.Columns.Add(retransmits.ToColumn("Retransmits"));
    }

    /// <summary>The timer's expiry in milliseconds (the /proc files count it in ticks).</summary>
    public static uint ExpiresMilliseconds(SocketRecord socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return socket.Has(SocketAttributes.FromProc) ? socket.Expires * (1000 / ProcTicksPerSecond) : socket.Expires;
    }
}
