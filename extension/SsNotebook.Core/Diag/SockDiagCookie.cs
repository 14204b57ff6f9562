namespace SsNotebook.Diag;

/// <summary>The <c>__u32 cookie[2]</c> every sock_diag message header ends its socket id with (ss prints it as sk:).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SockDiagCookie
{
    public uint Low;
    public uint High;

    public readonly ulong Value => ((ulong)High << 32) | Low;
}
