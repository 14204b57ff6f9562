using SsNotebook.Query;

namespace SsNotebook.Filter;

/// <summary>The ephemeral port range as ss reads it: PROC_IP_LOCAL_PORT_RANGE, else
/// PROC_ROOT/sys/net/ipv4/ip_local_port_range (the recorded text on replay); 1024–4999 when it cannot be read.</summary>
internal static class EphemeralPorts
{
    public static (int Low, int High) Read(SsEnvironment environment)
    {
        var fields = (environment.ReadPortRange() ?? "").Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length >= 2 &&
            int.TryParse(fields[0], System.Globalization.CultureInfo.InvariantCulture, out var low) &&
            int.TryParse(fields[1], System.Globalization.CultureInfo.InvariantCulture, out var high) && low != 0)
        {
            return (low, high);
        }
        return (1024, 4999);
    }
}
