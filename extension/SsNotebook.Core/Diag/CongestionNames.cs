namespace SsNotebook.Diag;

/// <summary>
/// Shares one string per congestion-control name: every socket of a dump names one of a handful of algorithms,
/// so the common ones are matched against fixed bytes instead of allocating a string per socket.
/// </summary>
internal static class CongestionNames
{
    private static readonly string[] Known =
        ["cubic", "reno", "bbr", "bbr2", "bbr3", "dctcp", "vegas", "westwood", "htcp", "bic", "hybla", "illinois", "lp",
         "nv", "scalable", "veno", "yeah", "cdg", "highspeed"];

    private static readonly byte[][] KnownBytes = Array.ConvertAll(Known, Encoding.ASCII.GetBytes);

    public static string Intern(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < KnownBytes.Length; i++)
        {
            if (name.SequenceEqual(KnownBytes[i]))
            {
                return Known[i];
            }
        }
        return Encoding.UTF8.GetString(name);
    }
}
