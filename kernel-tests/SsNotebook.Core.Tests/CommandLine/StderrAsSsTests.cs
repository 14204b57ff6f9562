using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Naming;
using SsNotebook.Netlink;
using SsNotebook.Query;
using SsNotebook.Sockets;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.CommandLine;

/// <summary>stderr byte for byte as ss 6.10 writes it (each case checked against its binary).</summary>
public sealed class StderrAsSsTests
{
    private static (int ExitCode, byte[] Stderr) Run(params string[] args)
    {
        using var stderrBytes = new MemoryStream();
        using var stderr = new RawTextWriter(stderrBytes);
        var exit = SsApplication.Run(args, new StringReader(""), new MemoryStream(), stderr, new SsEnvironment(), TextLayout.Compact);
        return (exit, stderrBytes.ToArray());
    }

    private static string Escaped(params byte[] bytes) => RawArguments.Decode(bytes);

    [Theory]
    [InlineData(new byte[] { 0xff })]
    [InlineData(new byte[] { 0x66, 0xff, 0xfe })]
    [InlineData(new byte[] { 0xc3, 0x28 })]
    [InlineData(new byte[] { 0xe2, 0x82 })]
    [InlineData(new byte[] { 0xf0, 0x9f, 0x98, 0x80, 0x80 })]
    [InlineData(new byte[] { 0xc3, 0xa9, 0xed, 0xa0, 0x80 })]
    public void UndecodableBytesSurviveTheRoundTrip(byte[] bytes) =>
        Assert.Equal(bytes, RawArguments.Encode(RawArguments.Decode(bytes)));

    [Fact]
    public void ValidTextIsPlainUtf8()
    {
        Assert.Equal("é😀x", RawArguments.Decode("é😀x"u8));
        Assert.Equal("é😀x"u8.ToArray(), RawArguments.Encode("é😀x"));
        Assert.Equal("f\uDCFF", RawArguments.Decode([0x66, 0xff]));
    }

    [Fact]
    public void NonUtf8ArgumentsAreEchoedAsTheirBytes()
    {
        var (exit, stderr) = Run("-f", Escaped(0xff));
        Assert.Equal(255, exit);
        byte[] expected = [.. "ss: \""u8, 0xff, .. "\" is invalid family\nUsage: ss [ OPTIONS ]\n"u8];
        Assert.Equal(expected, stderr[..expected.Length]);
        (exit, stderr) = Run("-t", "state", Escaped(0xff));
        Assert.Equal(255, exit);
        Assert.Equal([.. "ss: wrong state name: "u8, 0xff, (byte)'\n'], stderr);
        (exit, stderr) = Run("-t", "sport", "=", ":" + Escaped(0xff));
        Assert.Equal(1, exit);
        Assert.Equal([.. "Error: \""u8, 0xff, .. "\" does not look like a port.\nCannot parse dst/src address.\n"u8], stderr);
    }

    [Fact]
    public void NonUtf8FileNamesOpenTheFileTheyName()
    {
        var directory = Directory.CreateTempSubdirectory("ssn-raw-");
        var name = Encoding.UTF8.GetBytes(directory.FullName + "/f").Concat(new byte[] { 0xff }).ToArray();
        try
        {
            // Create it through the same encoding, as a shell would with $'f\xff'.
            using (var writer = new StreamWriter(new FileStream(ToSafeHandle(name), FileAccess.Write)))
            {
                writer.Write("sport = :22\n");
            }
            var parsed = SsCommandLine.Parse(["-t", "-F", RawArguments.Decode(name)], new SsEnvironment(), TextReader.Null);
            Assert.Equal("src *:22", parsed.Query.Filter!.ToString());
        }
        finally
        {
            // .NET cannot name the file (it decodes directory entries lossily): unlink takes the bytes.
            Unlink([.. name, 0]);
            directory.Delete();
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "unlink")]
    private static extern int Unlink(byte[] path);

    private static Microsoft.Win32.SafeHandles.SafeFileHandle ToSafeHandle(byte[] path)
    {
        var text = RawArguments.Decode(path);
        var fd = SsNotebook.Interop.LibC.Open(SsNotebook.Interop.LibC.AtFdCwd, text, SsNotebook.Interop.LibC.OWrOnly | SsNotebook.Interop.LibC.OCreat | SsNotebook.Interop.LibC.OTrunc, 420);
        Assert.True(fd >= 0);
        return new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
    }

    [Fact]
    public void WithoutACgroup2MountEveryLookupSaysSoAsSsDoes()
    {
        var mounts = Path.GetTempFileName();
        try
        {
            File.WriteAllText(mounts, "proc /proc proc rw 0 0\ncgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\n");
            var messages = new List<string>();
            var paths = new CgroupNames(switchedNamespace: false, mounts);
            // ss: one message building its map, one for the lookup that misses; then one per lookup.
            Assert.Equal("unreachable:1", paths.PathOf(1, messages));
            Assert.Equal(["Failed to find cgroup2 mount", "Failed to find cgroup2 mount"], messages);
            Assert.Equal("unreachable:1f", paths.PathOf(0x1f, messages));
            Assert.Equal(3, messages.Count);

            var root = Directory.CreateTempSubdirectory("ssn-cg-");
            File.WriteAllText(mounts, $"cgroup2 {root.FullName} cgroup2 rw 0 0\n");
            messages.Clear();
            var mounted = new CgroupNames(switchedNamespace: false, mounts);
            Assert.Equal("unreachable:1", mounted.PathOf(1, messages));
            Assert.Empty(messages);
            root.Delete();
        }
        finally
        {
            File.Delete(mounts);
        }
    }

    /// <summary>
    /// ss -N mounts a fresh sysfs over /sys in a mount namespace of its own: a cgroup2 mount below /sys (as here, and
    /// on most systemd machines) is gone for its text and its cgroup filter, paths through it included; a mount
    /// elsewhere stays.
    /// </summary>
    [Fact]
    public void UnderNetnsACgroup2MountBelowSysIsHidden()
    {
        var real = Cgroup2Mount.Find();
        Assert.NotNull(real);
        Assert.StartsWith("/sys/", real);
        var mounts = Path.GetTempFileName();
        var cgroup = $"ssn-cg-{Environment.ProcessId}";
        Directory.CreateDirectory(Path.Combine(real, cgroup));
        try
        {
            File.WriteAllText(mounts, $"sysfs /sys sysfs rw 0 0\ncgroup2 {real} cgroup2 rw 0 0\n");
            var messages = new List<string>();
            var switched = new CgroupNames(switchedNamespace: true, mounts);
            Assert.Equal("unreachable:1", switched.PathOf(1, messages));
            Assert.Equal(["Failed to find cgroup2 mount", "Failed to find cgroup2 mount"], messages);
            messages.Clear();
            Assert.Null(switched.IdOf("/" + cgroup, messages));
            Assert.Null(switched.IdOf(Path.Combine(real, cgroup), messages));
            Assert.Equal(["Failed to find cgroup2 mount", "Failed to find cgroup2 mount"], messages);

            messages.Clear();
            var here = new CgroupNames(switchedNamespace: false, mounts);
            var id = here.IdOf("/" + cgroup, messages);
            Assert.NotNull(id);
            Assert.Equal(id, here.IdOf(Path.Combine(real, cgroup), messages));
            Assert.Equal(("/", "/" + cgroup), (here.PathOf(1, messages), here.PathOf(id.Value, messages)));
            Assert.Empty(messages);

            File.WriteAllText(mounts, $"cgroup2 /run/ssn-nowhere cgroup2 rw 0 0\ncgroup2 {real} cgroup2 rw 0 0\n");
            Assert.Equal("unreachable:1", new CgroupNames(switchedNamespace: true, mounts).PathOf(1, messages));
            Assert.Empty(messages);
        }
        finally
        {
            File.Delete(mounts);
            Directory.Delete(Path.Combine(real, cgroup));
        }
    }

    [Fact]
    public void ARefusedDccpDumpSaysWhatTheOldRequestGot()
    {
        using var ns = new TestNamespace("ssn-dccp");
        var refused = ns.Run(() =>
        {
            try
            {
                using var socket = NetlinkSocket.Open(SockDiag.NetlinkProtocol);
                NetlinkDump.Run(socket, InetDiagRequest.Build(AddressFamilies.Inet, InetDiag.ProtocolDccp, 0, new StateSet(~0u), null),
                    NetlinkDump.MagicSequence, new Ignore());
                return false;
            }
            catch (NetlinkException error) when (error.Errno == 2)
            {
                return true;
            }
        });
        if (!refused)
        {
            // This kernel has DCCP diag: ss lists DCCP quietly, and so do we.
            Assert.Equal("", Stderr(Run("-N", ns.Name, "-d")));
            return;
        }
        // ss 6.10 asks again with DCCPDIAG_GETSOCK, is refused, and says so once per listing that includes DCCP.
        foreach (var args in new[] { new[] { "-d" }, ["-da"], ["-4"], ["-6"], ["-a"], ["-l"], ["-A", "inet"], [] })
        {
            Assert.Equal("RTNETLINK answers: Invalid argument\n", Stderr(Run([.. args, "-N", ns.Name])));
        }
        foreach (var args in new[] { new[] { "-t" }, ["-u"], ["-S"], ["-w"], ["-M"] })
        {
            Assert.Equal("", Stderr(Run([.. args, "-N", ns.Name])));
        }
    }

    /// <summary>stderr of a run that must succeed.</summary>
    private static string Stderr((int ExitCode, byte[] Stderr) outcome)
    {
        Assert.Equal(0, outcome.ExitCode);
        return Encoding.UTF8.GetString(outcome.Stderr);
    }

    private sealed class Ignore : INetlinkDumpHandler
    {
        public void OnMessage(in NetlinkMessage message)
        {
        }

        public void OnRestart()
        {
        }
    }
}
