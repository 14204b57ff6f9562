using System.Net;
using System.Net.Sockets;
using System.Text;
using SsNotebook.CommandLine;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Diag;
using SsNotebook.Query;
using SsNotebook.Sockets;
using SsNotebook.Text;

namespace SsNotebook.Core.Tests.CommandLine;

/// <summary>The one text listing behind ssn and Ss.Run: formatted where the sockets are collected (inside -N), with
/// the -p scan beside the dump, the records teed to a second sink when asked.</summary>
public sealed class SsListingTests
{
    [Fact]
    public void InterfaceNamesAreThoseOfTheListedNamespace()
    {
        using var ns = new TestNamespace("ssn-listing");
        ns.Ip("link add v0 type veth peer name v1");
        ns.Ip("link set v0 up");
        var listener = ns.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetRawSocketOption(1, 25, "v0\0"u8); // SOL_SOCKET, SO_BINDTODEVICE
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var index = ns.Run(() => SsNotebook.Interop.LibC.IfNameToIndex("v0"));

        var invocation = SsInvocation.Parse(["-Htln", "-p", "-N", ns.Name], new SsEnvironment());
        var records = new SocketListSink();
        using var output = new MemoryStream();
        var outcome = SsListing.Write(invocation, new SocketCollector(invocation.Environment), output, TextLayout.Compact, records);

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.StartsWith($"LISTEN 0      4096   127.0.0.1%v0:{port} 0.0.0.0:* users:((\"", text);
        var record = Assert.Single(records.Sockets);
        Assert.Equal(index, record.InterfaceIndex);
        Assert.Equal(port, record.LocalPort);
        Assert.NotNull(outcome.Processes);
        Assert.Empty(outcome.Diagnostics);
    }

    [Fact]
    public void ChecksAreTheSameForEveryCaller()
    {
        // -Z and -z are listings like any other where SELinux is enabled (elsewhere the parse refuses them).
        var contexts = SsInvocation.Parse(["-tz"], new SsEnvironment { SelinuxEnabled = true });
        Assert.True(contexts.IsListing);
        Assert.Equal(TableSet.Of(SocketTable.Tcp), contexts.Query.Tables);
        Assert.Equal("ss: SELinux is not enabled.",
            Assert.Throws<SsException>(() => SsInvocation.Parse(["-tZ"], new SsEnvironment { SelinuxEnabled = false })).Message);
        Assert.False(SsInvocation.Parse(["-s"], new SsEnvironment()).IsListing);
        Assert.True(SsInvocation.Parse(["-t"], new SsEnvironment()).IsListing);
    }
}
