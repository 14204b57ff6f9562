using System.Buffers.Binary;
using SsNotebook.Core.Tests.Support;

namespace SsNotebook.Core.Tests.Bpf;

/// <summary>
/// A value type with most shapes at once, as clang would describe:
/// <code>
/// enum color { RED, GREEN = 5, BLUE = -1 };
/// struct inner { int x; char tag; };
/// typedef unsigned long long u64;
/// struct value {
///     int a; unsigned int b:3, c:5; char name[8]; u64 counter; struct inner in;
///     union { int i; float f; }; enum color col; void *ptr; short arr[3]; unsigned char bytes[4];
/// };
/// </code>
/// </summary>
internal static class RichStruct
{
    public const uint KeyType = 1;
    public const uint Size = 64;
    public static uint ValueType { get; private set; }

    public static (byte[] Btf, byte[] Value) Build()
    {
        var b = new BtfBuilder();
        var int32 = b.AddInt("int", 4, BtfBuilder.Signed);
        var uint32 = b.AddInt("unsigned int", 4);
        var chr = b.AddInt("char", 1, BtfBuilder.Signed);
        var name = b.AddArray(chr, uint32, 8);
        var ull = b.AddInt("unsigned long long", 8);
        var u64 = b.AddTypedef("u64", ull);
        var inner = b.AddStruct("inner", 8, ("x", int32, 0, 0), ("tag", chr, 32, 0));
        var flt = b.AddFloat("float", 4);
        var anon = b.AddUnion("", 4, ("i", int32, 0, 0), ("f", flt, 0, 0));
        var color = b.AddEnum("color", 4, true, ("RED", 0), ("GREEN", 5), ("BLUE", -1));
        var voidPointer = b.AddPointer(0);
        var int16 = b.AddInt("short", 2, BtfBuilder.Signed);
        var shorts = b.AddArray(int16, uint32, 3);
        var uchar = b.AddInt("unsigned char", 1);
        var bytes = b.AddArray(uchar, uint32, 4);
        ValueType = b.AddStruct("value", Size,
            ("a", int32, 0, 0), ("b", uint32, 32, 3), ("c", uint32, 35, 5), ("name", name, 64, 0),
            ("counter", u64, 128, 0), ("in", inner, 192, 0), ("", anon, 256, 0), ("col", color, 288, 0),
            ("ptr", voidPointer, 320, 0), ("arr", shorts, 384, 0), ("bytes", bytes, 432, 0));

        var value = new byte[Size];
        BinaryPrimitives.WriteInt32LittleEndian(value, -5);
        BinaryPrimitives.WriteUInt32LittleEndian(value.AsSpan(4), 5 | (17 << 3));
        "hi"u8.CopyTo(value.AsSpan(8));
        BinaryPrimitives.WriteUInt64LittleEndian(value.AsSpan(16), 1234567890123);
        BinaryPrimitives.WriteInt32LittleEndian(value.AsSpan(24), 7);
        value[28] = (byte)'Z';
        BinaryPrimitives.WriteSingleLittleEndian(value.AsSpan(32), 3.1415927f);
        BinaryPrimitives.WriteInt32LittleEndian(value.AsSpan(36), -1);
        BinaryPrimitives.WriteInt16LittleEndian(value.AsSpan(48), 1);
        BinaryPrimitives.WriteInt16LittleEndian(value.AsSpan(50), -2);
        BinaryPrimitives.WriteInt16LittleEndian(value.AsSpan(52), 3);
        value[54] = 1;
        value[55] = 2;
        value[56] = 3;
        value[57] = 4;
        return (b.Build(), value);
    }
}
