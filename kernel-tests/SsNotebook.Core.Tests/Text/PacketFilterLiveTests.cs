using SsNotebook.Core.Tests.Support;
using SsNotebook.Interop;

namespace SsNotebook.Core.Tests.Text;

/// <summary>-b on a packet socket with a classic BPF filter attached (SO_ATTACH_FILTER), in a private namespace.</summary>
public sealed unsafe class PacketFilterLiveTests : IDisposable
{
    private const int AfPacket = 17;
    private const int SoAttachFilter = 26;

    /// <summary>"ip" as tcpdump compiles it: ldh [12]; jeq #0x800, 0, 1; ret #262144; ret #0.</summary>
    private static readonly ulong[] Program = [0x0000000c_00_00_0028, 0x00000800_01_00_0015, 0x00040000_00_00_0006, 0x00000000_00_00_0006];

    private readonly TestNamespace _namespace = new("ssn-bpf-filter");

    public void Dispose() => _namespace.Dispose();

    private void OpenFilteredPacketSocket()
    {
        var fd = _namespace.Run(() => LibC.Socket(AfPacket, LibC.SockRaw, 0x0300));
        Assert.True(fd >= 0, LibC.LastErrorMessage());
        _namespace.Own(new Descriptor(fd));
        fixed (ulong* instructions = Program)
        {
            var program = stackalloc ulong[2];
            program[0] = (ulong)Program.Length;
            program[1] = (ulong)instructions;
            Assert.Equal(0, LibC.SetSockOpt(fd, LibC.SolSocket, SoAttachFilter, (int*)program, 16));
        }
    }

    [Theory]
    [InlineData("-0b", "\n\tbpf filter (4):  0x28 0 0 12, 0x15 0 1 2048, 0x06 0 0 262144, 0x06 0 0 0,")]
    [InlineData("-0bO", " bpf filter (4):  0x28 0 0 12, 0x15 0 1 2048, 0x06 0 0 262144, 0x06 0 0 0,")]
    [InlineData("-0", "")]
    public void FilterPrintedAsSs(string options, string expectedFilter)
    {
        OpenFilteredPacketSocket();
        string[] arguments = ["-N", _namespace.Name, "-H", options];
        var (exit, text, error) = InProcessSs.Run(arguments);

        Assert.Equal((0, ""), (exit, error));
        Assert.Equal("p_raw 0      0      *:* *" + expectedFilter + "\n", text);
        if (SsOracle.FindSupporting("--bpf") is { } oracle)
        {
            Assert.Equal(new SsOracle.Outcome(0, text, ""), SsOracle.Run(oracle, arguments));
        }
    }

    private sealed class Descriptor(int fd) : IDisposable
    {
        public void Dispose() => LibC.Close(fd);
    }
}
