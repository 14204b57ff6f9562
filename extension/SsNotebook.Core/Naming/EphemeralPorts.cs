namespace SsNotebook.Naming;

/// <summary>
/// ip_local_port_range (PROC_IP_LOCAL_PORT_RANGE, else PROC_ROOT/sys/net/ipv4/ip_local_port_range; the recorded text
/// on replay), read once. ss reads it in two places with two rules, both kept here side by side: the text never
/// names a port inside <see cref="Printed"/>, and the <c>autobound</c> filter matches ports inside
/// <see cref="Autobound"/>. Both are 1024–4999 when the file cannot be read.
/// </summary>
internal sealed class EphemeralPorts
{
    private const int DefaultLow = 1024;
    private const int DefaultHigh = 4999;

    private EphemeralPorts((int Low, int High) printed, (int Low, int High) autobound)
    {
        Printed = printed;
        Autobound = autobound;
    }

    /// <summary>The range the text keeps numeric (ss's is_ephemeral: any two numbers, a zero low bound included).</summary>
    public (int Low, int High) Printed { get; }

    /// <summary>The range of the <c>autobound</c> filter (a zero low bound means "unreadable" there).</summary>
    public (int Low, int High) Autobound { get; }

    /// <summary>True for a port the text prints as a number whatever the services database says.</summary>
    public bool IsPrintedNumeric(int port) => port >= Printed.Low && port <= Printed.High;

    /// <summary>Parses the file's text; null means it could not be read.</summary>
    public static EphemeralPorts Parse(string? text)
    {
        var fields = (text ?? "").Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var printed = (DefaultLow, DefaultHigh);
        var autobound = (DefaultLow, DefaultHigh);
        if (fields.Length >= 2)
        {
            if (int.TryParse(fields[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var low)
                && int.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var high))
            {
                printed = (low, high);
            }
            if (int.TryParse(fields[0], CultureInfo.InvariantCulture, out low) && int.TryParse(fields[1], CultureInfo.InvariantCulture, out high)
                && low != 0)
            {
                autobound = (low, high);
            }
        }
        return new EphemeralPorts(printed, autobound);
    }
}
