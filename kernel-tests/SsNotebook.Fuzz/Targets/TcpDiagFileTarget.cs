using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Fuzz.Targets;

/// <summary>
/// A TCPDIAG_FILE (what <c>ss -D</c> writes) replayed as the collector replays it, then printed. Contract: a
/// malformed message is an <see cref="SsException"/> (ss's "Malformed message" error); a short file is a diagnostic.
/// </summary>
internal sealed class TcpDiagFileTarget : FuzzTarget
{
    public override string Name => "tcpdiag-file";

    public override string Contract => "TcpDiagFileSource.Replay: SsException for a malformed message, diagnostics for a cut file";

    public override bool IsRejection(Exception exception) => exception is SsException;

    /// <summary>Input: one flags byte (ss options, layout), then the file.</summary>
    public override void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }
        var flags = input[0];
        var sockets = new List<SocketRecord>();
        TcpDiagFileSource.Replay(input[1..], filter: null, sockets, diagnostics: []);
        string[] arguments = (flags & 0x10) != 0 ? ["-tanieomO"] : ["-ta"];
        FuzzEnvironment.Print(FuzzEnvironment.Query(arguments), sockets, processes: null, flags);
    }
}
