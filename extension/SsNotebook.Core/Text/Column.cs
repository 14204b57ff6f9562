namespace SsNotebook.Text;

/// <summary>ss's output columns, in display order.</summary>
internal enum Column
{
    Netid,
    State,
    RecvQ,
    SendQ,
    LocalAddress,
    LocalPort,
    PeerAddress,
    PeerPort,
    Process,
    Ext,
}

/// <summary>The fixed description of one column: header, alignment and the delimiter printed before it.</summary>
internal readonly record struct ColumnSpec(string Header, bool AlignRight, string LeftDelimiter)
{
    public const int Count = 10;

    public static readonly ColumnSpec[] All =
    [
        new("Netid", false, ""),
        new("State", false, " "),
        new("Recv-Q", false, " "),
        new("Send-Q", false, " "),
        new("Local Address:", true, " "),
        new("Port", false, ""),
        new("Peer Address:", true, " "),
        new("Port", false, ""),
        new("Process", false, ""),
        new("", false, ""),
    ];
}
