using SsNotebook.Recording;
using SsNotebook.Sampling;

namespace SsNotebook.Fuzz.Targets;

/// <summary>
/// A recording body replayed the way a notebook's <c>--replay</c> cell shows it: the sample set, its Samples,
/// Appeared and Disappeared frames, and the last sample's socket, timer, memory, tcp_info and per-table frames and text. Same
/// contract as the other recording targets: <see cref="RecordingException"/> only.
/// </summary>
public sealed class RecordingFramesTarget : FuzzTarget
{
    public override string Name => "recording-frames";

    public override string Contract => "SampleSet.Replay + every frame and the text of a well-wrapped body: RecordingException only";

    public override bool IsRejection(Exception exception) => exception is RecordingException;

    /// <summary>Input: as <see cref="RecordingBodyTarget"/>.</summary>
    public override void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }
        var file = RecordingBodyTarget.Wrap(input[1..], (ushort)(1 + (input[0] % 3)));
        var set = SampleSet.Replay(SsRecording.Read(new MemoryStream(file, writable: false)), FuzzEnvironment.Neutral);
        _ = set.Samples.Rows.Count + set.Appeared.Rows.Count + set.Disappeared.Rows.Count;
        var last = set.Last;
        _ = last.Sockets.Rows.Count + last.Timers.Rows.Count + last.Memory.Rows.Count + last.TcpInfo.Rows.Count;
        _ = last.Inet.Rows.Count + last.Mptcp.Rows.Count + last.Unix.Rows.Count + last.Packet.Rows.Count + last.Netlink.Rows.Count
            + last.Vsock.Rows.Count + last.Xdp.Rows.Count + last.Tipc.Rows.Count + set.Table.Rows.Count;
        _ = set.Text.Length + set.ToString().Length;
    }
}
