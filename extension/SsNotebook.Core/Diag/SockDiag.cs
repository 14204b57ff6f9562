namespace SsNotebook.Diag;

/// <summary>
/// What every sock_diag family shares (linux/sock_diag.h): the netlink protocol, the SOCK_DIAG_BY_FAMILY request
/// and the SK_MEMINFO_* array that unix, packet, netlink, xdp and inet replies all carry.
/// </summary>
internal static class SockDiag
{
    /// <summary>NETLINK_SOCK_DIAG.</summary>
    public const int NetlinkProtocol = 4;

    public const ushort ByFamily = 20;

    /// <summary>SOCK_DESTROY: closes the one socket its inet_diag_req_v2 identifies (ss -K).</summary>
    public const ushort Destroy = 21;

    // The sock_diag multicast groups (SKNLGRP_*) that report destroyed sockets (ss -E).
    public const int GroupInetTcpDestroy = 1;
    public const int GroupInetUdpDestroy = 2;
    public const int GroupInet6TcpDestroy = 3;
    public const int GroupInet6UdpDestroy = 4;

    /// <summary>NLM_F_REQUEST | NLM_F_ROOT | NLM_F_MATCH, as ss sends dumps.</summary>
    public const ushort DumpFlags = Nl.FlagRequest | Nl.FlagRoot | Nl.FlagMatch;

    private const int SkMemInfoCount = 9;

    /// <summary>A SOCK_DIAG_BY_FAMILY dump request for <paramref name="family"/>, its body
    /// <paramref name="bodyLength"/> bytes (zeroed; the family in the first one) for the caller to fill.</summary>
    public static NetlinkRequestBuilder Request(byte family, int bodyLength, out Span<byte> body, ushort type = ByFamily,
        uint sequence = NetlinkDump.MagicSequence)
    {
        var builder = new NetlinkRequestBuilder(type, DumpFlags, sequence);
        body = builder.AppendBody(bodyLength);
        body[0] = family;
        return builder;
    }

    /// <summary>
    /// The SK_MEMINFO_* array: the kernel may send fewer entries (older kernels) or more (newer ones) than the nine
    /// we know; <see cref="SkMemInfo.Count"/> keeps how many came. Fewer than <paramref name="minimumCount"/> is an error.
    /// </summary>
    public static SkMemInfo ReadSkMemInfo(ref NetlinkAttributeReader reader, int minimumCount)
    {
        var count = reader.Payload.Length / sizeof(uint);
        if (count < minimumCount)
        {
            reader.SetError($"attribute {reader.Type} at byte {reader.Offset} has {reader.Payload.Length} bytes, need {minimumCount * sizeof(uint)}");
            return default;
        }
        var values = reader.ReadZeroFilled<SkMemInfoArray>(out _);
        return new SkMemInfo(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8], count);
    }

    [System.Runtime.CompilerServices.InlineArray(SkMemInfoCount)]
    private struct SkMemInfoArray
    {
        private uint _first;
    }
}
