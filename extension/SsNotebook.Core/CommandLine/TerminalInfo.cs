namespace SsNotebook.CommandLine;

/// <summary>How ss decides its layout: the terminal's width when stdout is a terminal that reports one
/// (isatty + TIOCGWINSZ), otherwise compact. ss 6.10 does not read COLUMNS.</summary>
internal static unsafe class TerminalInfo
{
    private const nuint TiocGWinSz = 0x5413;
    private const int StandardOutput = 1;

    public static TextLayout StandardOutputLayout()
    {
        if (LibC.IsATty(StandardOutput) != 1)
        {
            return TextLayout.Compact;
        }
        // struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; }
        ushort* size = stackalloc ushort[4];
        return LibC.Ioctl(StandardOutput, TiocGWinSz, size) != -1 && size[1] > 0
            ? new TextLayout(size[1])
            : TextLayout.Compact;
    }
}
