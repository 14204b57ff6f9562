using System.Buffers.Binary;
using SsNotebook.Core.Tests.Support;

namespace SsNotebook.Core.Tests.Bpf;

/// <summary>
/// The other shapes, in one value the kernel accepts:
/// <code>
/// struct dup { int v; };                  // and a second, different "struct dup { unsigned int w; }"
/// enum big : u64 { SMALL = 1, HUGE = 1ULL &lt;&lt; 32 };
/// enum mode { OFF, ON, AUTO };
/// typedef struct { short x, y; } pair_t;
/// struct shapes {
///     struct dup a; struct dup___2 b; enum big big; int (*cb)(int, char *); enum { A = 1, B = 2 } anon;
///     const volatile int cv; int grid[2][3]; pair_t pair; enum mode m:2; int neg:4;
///     unsigned __int128 wide; double d; char raw[4]; unsigned char tail;
/// };
/// </code>
/// </summary>
internal static class ShapesStruct
{
    public const uint KeyType = 1;
    public const uint Size = 96;
    public const uint ValueType = 23;

    /// <summary>The value as ss 6.10 prints it without -O (two tabs of indent; no trailing newline).</summary>
    public const string MultiLine =
        "\t\t(struct shapes){\n" +
        "\t\t\t.a = (struct dup){\n" +
        "\t\t\t\t.v = (int)10,\n" +
        "\t\t\t},\n" +
        "\t\t\t.b = (struct dup___2){\n" +
        "\t\t\t\t.w = (unsigned int)20,\n" +
        "\t\t\t},\n" +
        "\t\t\t.big = (enum big)HUGE,\n" +
        "\t\t\t.cb = (int (*)(int, char *))0x1234,\n" +
        "\t\t\t.anon = (enum )3,\n" +
        "\t\t\t.cv = (int)9,\n" +
        "\t\t\t.grid = (int[2][3])[\n" +
        "\t\t\t\t[\n" +
        "\t\t\t\t\t1,\n" +
        "\t\t\t\t\t2,\n" +
        "\t\t\t\t\t3,\n" +
        "\t\t\t\t],\n" +
        "\t\t\t\t[\n" +
        "\t\t\t\t\t4,\n" +
        "\t\t\t\t\t5,\n" +
        "\t\t\t\t\t6,\n" +
        "\t\t\t\t],\n" +
        "\t\t\t],\n" +
        "\t\t\t.pair = (pair_t){\n" +
        "\t\t\t\t.x = (short)-1,\n" +
        "\t\t\t\t.y = (short)2,\n" +
        "\t\t\t},\n" +
        "\t\t\t.m = (enum mode)AUTO,\n" +
        "\t\t\t.neg = (int)0xd,\n" +
        "\t\t\t.wide = (unsigned __int128)0x10000000000000002,\n" +
        "\t\t\t.d = (double)-2.500000,\n" +
        "\t\t\t.raw = (char[4])[\n" +
        "\t\t\t\t'a',\n" +
        "\t\t\t\t1,\n" +
        "\t\t\t\t'b',\n" +
        "\t\t\t\t-23,\n" +
        "\t\t\t],\n" +
        "\t\t\t.tail = (unsigned char)'A',\n" +
        "\t\t}";

    /// <summary>The value as ss 6.10 prints it with -O.</summary>
    public const string OneLine = "(struct shapes){.a = (struct dup){.v = (int)10,},.b = (struct dup___2){.w = (unsigned int)20,},.big = (enum big)HUGE,.cb = (int (*)(int, char *))0x1234,.anon = (enum )3,.cv = (int)9,.grid = (int[2][3])[[1,2,3,],[4,5,6,],],.pair = (pair_t){.x = (short)-1,.y = (short)2,},.m = (enum mode)AUTO,.neg = (int)0xd,.wide = (unsigned __int128)0x10000000000000002,.d = (double)-2.500000,.raw = (char[4])['a',1,'b',-23,],.tail = (unsigned char)'A',}";

    public static (byte[] Btf, byte[] Value) Build()
    {
        var b = new BtfBuilder();
        var int32 = b.AddInt("int", 4, BtfBuilder.Signed);
        var uint32 = b.AddInt("unsigned int", 4);
        var chr = b.AddInt("char", 1, BtfBuilder.Signed);
        var dup1 = b.AddStruct("dup", 4, ("v", int32, 0, 0));
        var dup2 = b.AddStruct("dup", 4, ("w", uint32, 0, 0));
        var big = b.AddEnum64("big", 8, false, ("SMALL", 1), ("HUGE", 1L << 32));
        var charPointer = b.AddPointer(chr);
        var prototype = b.AddFunctionProto(int32, ("", int32), ("", charPointer));
        var callback = b.AddPointer(prototype);
        var anonymous = b.AddEnum("", 4, false, ("A", 1), ("B", 2));
        var cv = b.AddModifier(BtfBuilder.Const, b.AddModifier(BtfBuilder.Volatile, int32));
        var row = b.AddArray(int32, uint32, 3);
        var grid = b.AddArray(row, uint32, 2);
        var int16 = b.AddInt("short", 2, BtfBuilder.Signed);
        var pair = b.AddTypedef("pair_t", b.AddStruct("", 4, ("x", int16, 0, 0), ("y", int16, 16, 0)));
        var mode = b.AddEnum("mode", 4, false, ("OFF", 0), ("ON", 1), ("AUTO", 2));
        var wide = b.AddInt("unsigned __int128", 16);
        var dbl = b.AddFloat("double", 8);
        var raw = b.AddArray(chr, uint32, 4);
        var uchar = b.AddInt("unsigned char", 1);
        var shapes = b.AddStruct("shapes", Size,
            ("a", dup1, 0, 0), ("b", dup2, 32, 0), ("big", big, 64, 0), ("cb", callback, 128, 0), ("anon", anonymous, 192, 0),
            ("cv", cv, 224, 0), ("grid", grid, 256, 0), ("pair", pair, 448, 0), ("m", mode, 480, 2), ("neg", int32, 482, 4),
            ("wide", wide, 512, 0), ("d", dbl, 640, 0), ("raw", raw, 704, 0), ("tail", uchar, 736, 0));
        if (shapes != ValueType)
        {
            throw new InvalidOperationException($"value type is {shapes}");
        }

        var value = new byte[Size];
        BinaryPrimitives.WriteInt32LittleEndian(value, 10);
        BinaryPrimitives.WriteUInt32LittleEndian(value.AsSpan(4), 20);
        BinaryPrimitives.WriteUInt64LittleEndian(value.AsSpan(8), 1UL << 32);
        BinaryPrimitives.WriteUInt64LittleEndian(value.AsSpan(16), 0x1234);
        BinaryPrimitives.WriteUInt32LittleEndian(value.AsSpan(24), 3);
        BinaryPrimitives.WriteInt32LittleEndian(value.AsSpan(28), 9);
        for (var i = 0; i < 6; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(value.AsSpan(32 + (4 * i)), i + 1);
        }
        BinaryPrimitives.WriteInt16LittleEndian(value.AsSpan(56), -1);
        BinaryPrimitives.WriteInt16LittleEndian(value.AsSpan(58), 2);
        value[60] = 2 | (0xd << 2);
        BinaryPrimitives.WriteUInt64LittleEndian(value.AsSpan(64), 2);
        BinaryPrimitives.WriteUInt64LittleEndian(value.AsSpan(72), 1);
        BinaryPrimitives.WriteDoubleLittleEndian(value.AsSpan(80), -2.5);
        value[88] = (byte)'a';
        value[89] = 1;
        value[90] = (byte)'b';
        value[91] = 0xe9;
        value[92] = (byte)'A';
        return (b.Build(), value);
    }
}
