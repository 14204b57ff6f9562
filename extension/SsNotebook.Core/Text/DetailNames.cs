namespace SsNotebook.Text;

/// <summary>
/// The words ss prints for socket details (packet flags and fanout types, BPF filters, inet-sockopt flags, MD5 keys,
/// TLS and MPTCP-subflow ULP fields): the one table the text writer and the frames share, so a frame's values read
/// like the text next to it.
/// </summary>
internal static class DetailNames
{
    /// <summary>The <c>inet-sockopt: (…)</c> flags in bit order (INET_DIAG_SOCKOPT's struct inet_diag_sockopt).</summary>
    public static IReadOnlyList<string> InetSockOptFlags { get; } =
    [
        "recverr", "is_icsk", "freebind", "hdrincl", "mc_loop", "transparent", "mc_all", "nodefrag",
        "bind_addr_no_port", "recverr_rfc4884", "defer_connect",
    ];

    /// <summary>The <c>flags( … )</c> of packet_diag_info in bit order (PDI_RUNNING, PDI_AUXDATA, …).</summary>
    public static IReadOnlyList<string> PacketInfoFlags { get; } = ["running", "auxdata", "origdev", "vnethdr", "loss"];

    private static readonly string[] FanoutTypes = ["hash", "lb", "cpu", "roll", "random", "qm"];

    private const string SubflowFlagLetters = "MmJjBbecv";

    /// <summary>The type in <c>fanout(id:…,type:…)</c>: its name, or 0x-prefixed hex beyond the known ones.</summary>
    public static string FanoutType(uint type) =>
        type < FanoutTypes.Length ? FanoutTypes[type] : "0x" + type.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>
    /// A classic BPF program as ss lists it after <c>bpf filter (N): </c>: each instruction as
    /// <c>0xCODE JT JF K,</c>, separated by blanks ("0x28 0 0 12, 0x15 0 1 2048,"); empty for no instruction.
    /// </summary>
    public static string PacketFilter(ReadOnlySpan<ClassicBpfInstruction> program)
    {
        var text = new StringBuilder(program.Length * 16);
        for (var i = 0; i < program.Length; i++)
        {
            var instruction = program[i];
            if (i > 0)
            {
                text.Append(' ');
            }
            text.Append("0x")
                .Append(instruction.Code.ToString("x2", CultureInfo.InvariantCulture))
                .Append(' ').Append(instruction.JumpTrue.ToString(CultureInfo.InvariantCulture))
                .Append(' ').Append(instruction.JumpFalse.ToString(CultureInfo.InvariantCulture))
                .Append(' ').Append(instruction.Constant.ToString(CultureInfo.InvariantCulture))
                .Append(',');
        }
        return text.ToString();
    }

    /// <summary>The keys of <c>md5keys:</c>, comma separated, each <c>ADDRESS/PREFIX=KEY</c> with the key's
    /// unprintable bytes, blanks, commas and backslashes as <c>\OOO</c>.</summary>
    public static string Md5Keys(IReadOnlyList<Md5Key> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var text = new StringBuilder();
        Span<byte> address = stackalloc byte[AddressText.MaxLength];
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (i > 0)
            {
                text.Append(',');
            }
            text.Append(Encoding.ASCII.GetString(address[..AddressText.Format(key.Address, address)]))
                .Append('/').Append(key.PrefixLength.ToString(CultureInfo.InvariantCulture)).Append('=');
            foreach (var b in key.Key)
            {
                // isprint in the C locale, minus the backslash, space and comma that would make the list ambiguous.
                if (b >= 0x20 && b < 0x7f && b != (byte)'\\' && b != (byte)' ' && b != (byte)',')
                {
                    text.Append((char)b);
                }
                else
                {
                    text.Append('\\').Append((char)('0' + (b >> 6))).Append((char)('0' + ((b >> 3) & 7))).Append((char)('0' + (b & 7)));
                }
            }
        }
        return text.ToString();
    }

    /// <summary>TLS_INFO_VERSION as <c>version: …</c> shows it: 1.2, 1.3, unknown(N).</summary>
    public static string TlsVersion(ushort version) => version switch
    {
        0x0303 => "1.2",
        0x0304 => "1.3",
        _ => "unknown(" + version.ToString(CultureInfo.InvariantCulture) + ")",
    };

    /// <summary>TLS_INFO_CIPHER as <c>cipher: …</c> shows it; null for the ciphers ss does not name (it prints nothing).</summary>
    public static string? TlsCipher(ushort cipher) => cipher switch
    {
        51 => "aes-gcm-128",
        52 => "aes-gcm-256",
        _ => null,
    };

    /// <summary>TLS_INFO_RXCONF / TLS_INFO_TXCONF as <c>rxconf: …</c> shows them.</summary>
    public static string TlsConf(ushort conf) => conf switch
    {
        0 => "none",
        1 => "sw",
        2 => "hw",
        3 => "hw-record",
        _ => "unknown(" + conf.ToString(CultureInfo.InvariantCulture) + ")",
    };

    /// <summary>An MPTCP subflow's <c>flags:</c> letters (MPTCP_SUBFLOW_FLAG_* in bit order: MmJjBbecv).</summary>
    public static string SubflowFlags(uint flags)
    {
        Span<char> letters = stackalloc char[SubflowFlagLetters.Length];
        var length = 0;
        for (var bit = 0; bit < SubflowFlagLetters.Length; bit++)
        {
            if ((flags & (1u << bit)) != 0)
            {
                letters[length++] = SubflowFlagLetters[bit];
            }
        }
        return new string(letters[..length]);
    }
}
