using System.Buffers.Binary;
using System.Text;

namespace SsNotebook.Core.Tests.Support;

/// <summary>
/// Hand-builds raw BTF (header, type section, string section) one type at a time; each Add returns the new type's
/// id. What clang would emit for a C declaration is spelled out type by type in the tests.
/// </summary>
public sealed class BtfBuilder
{
    public const int Int = 1, Pointer = 2, Array = 3, Struct = 4, Union = 5, Enum = 6, Forward = 7, Typedef = 8,
        Volatile = 9, Const = 10, Restrict = 11, Function = 12, FunctionProto = 13, Variable = 14, DataSection = 15,
        Float = 16, DeclTag = 17, TypeTag = 18, Enum64 = 19;

    public const int Signed = 1, Char = 2, Bool = 4;

    private readonly List<byte> _types = [];
    private readonly List<byte> _strings = [0];
    private readonly Dictionary<string, uint> _names = new(StringComparer.Ordinal) { [""] = 0 };

    public uint Count { get; private set; }

    public uint Name(string name)
    {
        if (!_names.TryGetValue(name, out var offset))
        {
            offset = (uint)_strings.Count;
            _strings.AddRange(Encoding.UTF8.GetBytes(name));
            _strings.Add(0);
            _names[name] = offset;
        }
        return offset;
    }

    /// <summary>Any type: header words then trailing words.</summary>
    public uint Add(int kind, string name, int vlen, bool kindFlag, uint sizeOrType, params uint[] trailing)
    {
        Word(Name(name));
        Word((uint)((kindFlag ? 1u << 31 : 0) | ((uint)kind << 24) | (uint)vlen));
        Word(sizeOrType);
        foreach (var word in trailing)
        {
            Word(word);
        }
        return ++Count;
    }

    public uint AddInt(string name, uint size, int encoding = 0, uint bits = 0) =>
        Add(Int, name, 0, false, size, ((uint)encoding << 24) | (bits == 0 ? size * 8 : bits));

    public uint AddPointer(uint type) => Add(Pointer, "", 0, false, type);

    public uint AddArray(uint element, uint index, uint count) => Add(Array, "", 0, false, 0, element, index, count);

    public uint AddTypedef(string name, uint type) => Add(Typedef, name, 0, false, type);

    public uint AddModifier(int kind, uint type, string name = "") => Add(kind, name, 0, false, type);

    public uint AddFloat(string name, uint size) => Add(Float, name, 0, false, size);

    public uint AddForward(string name, bool union = false) => Add(Forward, name, 0, union, 0);

    /// <summary>A struct or union; members are (name, type, bit offset, bitfield size). Any bitfield sets the kind flag.</summary>
    public uint AddComposite(int kind, string name, uint size, params (string Name, uint Type, uint BitOffset, uint BitSize)[] members)
    {
        var kindFlag = members.Any(m => m.BitSize != 0);
        var trailing = new List<uint>();
        foreach (var member in members)
        {
            trailing.Add(Name(member.Name));
            trailing.Add(member.Type);
            trailing.Add(kindFlag ? (member.BitSize << 24) | member.BitOffset : member.BitOffset);
        }
        return Add(kind, name, members.Length, kindFlag, size, [.. trailing]);
    }

    public uint AddStruct(string name, uint size, params (string Name, uint Type, uint BitOffset, uint BitSize)[] members) =>
        AddComposite(Struct, name, size, members);

    public uint AddUnion(string name, uint size, params (string Name, uint Type, uint BitOffset, uint BitSize)[] members) =>
        AddComposite(Union, name, size, members);

    public uint AddEnum(string name, uint size, bool signed, params (string Name, int Value)[] values)
    {
        var trailing = new List<uint>();
        foreach (var value in values)
        {
            trailing.Add(Name(value.Name));
            trailing.Add((uint)value.Value);
        }
        return Add(Enum, name, values.Length, signed, size, [.. trailing]);
    }

    public uint AddEnum64(string name, uint size, bool signed, params (string Name, long Value)[] values)
    {
        var trailing = new List<uint>();
        foreach (var value in values)
        {
            trailing.Add(Name(value.Name));
            trailing.Add((uint)value.Value);
            trailing.Add((uint)((ulong)value.Value >> 32));
        }
        return Add(Enum64, name, values.Length, signed, size, [.. trailing]);
    }

    public uint AddFunctionProto(uint returnType, params (string Name, uint Type)[] parameters)
    {
        var trailing = new List<uint>();
        foreach (var parameter in parameters)
        {
            trailing.Add(Name(parameter.Name));
            trailing.Add(parameter.Type);
        }
        return Add(FunctionProto, "", parameters.Length, false, returnType, [.. trailing]);
    }

    public byte[] Build()
    {
        var raw = new byte[24 + _types.Count + _strings.Count];
        BinaryPrimitives.WriteUInt16LittleEndian(raw, 0xeb9f);
        raw[2] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(4), 24);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(12), (uint)_types.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(16), (uint)_types.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(20), (uint)_strings.Count);
        _types.CopyTo(raw, 24);
        _strings.CopyTo(raw, 24 + _types.Count);
        return raw;
    }

    private void Word(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        _types.AddRange(bytes.ToArray());
    }
}
