using System.Reflection;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Sockets;

public class SocketRecordTests
{
    [Fact]
    public void ResetClearsEveryField()
    {
        var record = new SocketRecord();
        var fields = typeof(SocketRecord).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Where(f => f.Name != "_tcpInfo")
            .ToList();
        foreach (var field in fields)
        {
            field.SetValue(record, NonDefault(field.FieldType));
        }
        var info = TcpInfo.Read(Enumerable.Repeat((byte)7, TcpInfo.KnownSize).ToArray());
        record.SetTcpInfo(info);

        record.Reset();

        foreach (var field in fields)
        {
            var value = field.GetValue(record);
            var empty = field.FieldType.IsValueType ? Activator.CreateInstance(field.FieldType) : null;
            Assert.True(Equals(value, empty), $"{field.Name} survived Reset: {value}");
        }
        Assert.Equal(0, record.TcpInfo.Length);
        Assert.Equal(0u, record.TcpInfo.SndCwnd);
    }

    private static object NonDefault(Type type)
    {
        if (type == typeof(string))
        {
            return "cubic";
        }
        if (type == typeof(LocalSocketDetails))
        {
            // Abstract: any concrete family detail will do.
            return new UnixSocketDetails();
        }
        if (type == typeof(InetAddress))
        {
            return new InetAddress(AddressFamilies.Inet, [127, 0, 0, 1]);
        }
        if (type.IsEnum)
        {
            return Enum.ToObject(type, 1);
        }
        if (type.IsPrimitive)
        {
            return Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
        }
        if (type.IsArray)
        {
            return Array.CreateInstance(type.GetElementType()!, 1);
        }
        if (type.IsValueType)
        {
            // Record structs: set their first field so the value differs from default.
            var boxed = Activator.CreateInstance(type)!;
            var first = type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).First();
            first.SetValue(boxed, NonDefault(first.FieldType));
            return boxed;
        }
        return System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type);
    }
}
