namespace SsNotebook.Diag;

/// <summary>The <c>__be32 addr[4]</c> of an inet socket id: an IPv4 address in its first 4 bytes, or an IPv6 address.</summary>
[InlineArray(16)]
internal struct SockDiagAddress
{
    private byte _first;
}
