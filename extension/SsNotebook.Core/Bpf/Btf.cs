namespace SsNotebook.Bpf;

/// <summary>
/// BTF kinds (BTF_KIND_*, include/uapi/linux/btf.h). The header numbers them from 0 in this order, so the members
/// are written as that list; a test pins the numbers.
/// </summary>
internal enum BtfKind : byte
{
    Unknown, Int, Pointer, Array, Struct, Union, Enum, Forward, Typedef, Volatile,
    Const, Restrict, Function, FunctionProto, Variable, DataSection, Float, DeclTag, TypeTag, Enum64,
}

/// <summary>One struct btf_type: its kind, name, vlen, kind flag, size-or-type word and where its trailing data starts.</summary>
internal readonly record struct BtfType(BtfKind Kind, uint NameOffset, ushort Vlen, bool KindFlag, uint SizeOrType, int DataOffset)
{
    /// <summary>The size of INT, ENUM, ENUM64, STRUCT, UNION, DATASEC and FLOAT types.</summary>
    public uint Size => SizeOrType;

    /// <summary>The type referred to by PTR, TYPEDEF, the modifiers, FUNC, VAR, DECL_TAG and TYPE_TAG.</summary>
    public uint Type => SizeOrType;

    public bool IsModifier => Kind is BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict or BtfKind.TypeTag;
}

/// <summary>A struct or union member: bit offset and bitfield size already decoded from the kind flag.</summary>
internal readonly record struct BtfMember(uint NameOffset, uint Type, uint BitOffset, byte BitfieldSize);

/// <summary>struct btf_array.</summary>
internal readonly record struct BtfArray(uint ElementType, uint IndexType, uint Count);

/// <summary>
/// A parsed, self-contained BTF blob (the raw BTF the kernel hands back for a map's btf_id): header, type section
/// and string section, read with spans. Every length, offset, type id and name offset is checked here, once, so
/// the accessors cannot read out of range; what the checks refuse is a <see cref="BtfException"/>.
/// Split BTF (types based on another blob) and big-endian BTF are not supported.
/// </summary>
internal sealed class Btf
{
    public const ushort Magic = 0xeb9f;
    private const int HeaderLength = 24;
    private const int TypeHeaderLength = 12;

    /// <summary>The kernel's BTF_MAX_TYPE: type ids fit in 20 bits.</summary>
    public const int MaxTypes = 0xfffff;

    private readonly byte[] _types;
    private readonly byte[] _strings;
    private readonly BtfType[] _table;

    private Btf(byte[] types, byte[] strings, BtfType[] table)
    {
        _types = types;
        _strings = strings;
        _table = table;
    }

    /// <summary>The number of type ids, void (id 0) included.</summary>
    public int Count => _table.Length;

    /// <summary>The type with id <paramref name="id"/> (0 is void, kind Unknown); ids are checked by the caller against <see cref="Count"/>.</summary>
    public BtfType this[uint id] => _table[id];

    public bool Contains(uint id) => id < (uint)_table.Length;

    /// <summary>The NUL-terminated name at <paramref name="offset"/> of the string section (checked at parse time).</summary>
    public ReadOnlySpan<byte> Name(uint offset)
    {
        var rest = _strings.AsSpan((int)offset);
        return rest[..rest.IndexOf((byte)0)];
    }

    public string NameString(uint offset) => Encoding.UTF8.GetString(Name(offset));

    /// <summary>The one word after an INT (its encoding in bits 24-27, bit offset in 16-23, bit count in 0-7), a VAR
    /// (its linkage) or a DECL_TAG (its component index).</summary>
    public uint ExtraWord(in BtfType type) => Word(type.DataOffset);

    public BtfArray Array(in BtfType type) => new(Word(type.DataOffset), Word(type.DataOffset + 4), Word(type.DataOffset + 8));

    public BtfMember Member(in BtfType type, int index)
    {
        var at = type.DataOffset + (index * 12);
        var offset = Word(at + 8);
        return type.KindFlag
            ? new BtfMember(Word(at), Word(at + 4), offset & 0xffffff, (byte)(offset >> 24))
            : new BtfMember(Word(at), Word(at + 4), offset, 0);
    }

    /// <summary>The name offset and value of an ENUM (sign-extended s32) or ENUM64 (lo32 | hi32 &lt;&lt; 32) enumerator.</summary>
    public (uint NameOffset, long Value) Enumerator(in BtfType type, int index)
    {
        if (type.Kind == BtfKind.Enum64)
        {
            var at = type.DataOffset + (index * 12);
            return (Word(at), (long)(Word(at + 4) | ((ulong)Word(at + 8) << 32)));
        }
        var at32 = type.DataOffset + (index * 8);
        return (Word(at32), (int)Word(at32 + 4));
    }

    /// <summary>A FUNC_PROTO parameter: name offset and type.</summary>
    public (uint NameOffset, uint Type) Parameter(in BtfType type, int index)
    {
        var at = type.DataOffset + (index * 8);
        return (Word(at), Word(at + 4));
    }

    private uint Word(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(_types.AsSpan(offset));

    /// <summary>Parses and checks raw BTF.</summary>
    public static Btf Parse(ReadOnlySpan<byte> raw)
    {
        if (raw.Length < HeaderLength)
        {
            throw new BtfException($"BTF of {raw.Length} bytes is shorter than its {HeaderLength}-byte header");
        }
        var magic = BinaryPrimitives.ReadUInt16LittleEndian(raw);
        if (magic == BinaryPrimitives.ReverseEndianness(Magic))
        {
            throw new BtfException("big-endian BTF is not supported");
        }
        if (magic != Magic)
        {
            throw new BtfException($"bad BTF magic 0x{magic:x4}");
        }
        if (raw[2] != 1)
        {
            throw new BtfException($"unsupported BTF version {raw[2]}");
        }
        var headerLength = BinaryPrimitives.ReadUInt32LittleEndian(raw[4..]);
        var typeOffset = BinaryPrimitives.ReadUInt32LittleEndian(raw[8..]);
        var typeLength = BinaryPrimitives.ReadUInt32LittleEndian(raw[12..]);
        var stringOffset = BinaryPrimitives.ReadUInt32LittleEndian(raw[16..]);
        var stringLength = BinaryPrimitives.ReadUInt32LittleEndian(raw[20..]);
        if (headerLength < HeaderLength || headerLength > (uint)raw.Length)
        {
            throw new BtfException($"BTF header length {headerLength} outside 24..{raw.Length}");
        }
        var sections = (long)raw.Length - headerLength;
        if ((long)typeOffset + typeLength > sections || (long)stringOffset + stringLength > sections)
        {
            throw new BtfException($"BTF sections (types {typeOffset}+{typeLength}, strings {stringOffset}+{stringLength}) exceed its {sections} bytes");
        }
        if ((long)typeOffset + typeLength > stringOffset)
        {
            throw new BtfException($"BTF type section {typeOffset}+{typeLength} overlaps the strings at {stringOffset}");
        }
        if (typeOffset % 4 != 0)
        {
            throw new BtfException($"BTF type section at {typeOffset} is not 4-byte aligned");
        }
        var body = raw[(int)headerLength..];
        var strings = body.Slice((int)stringOffset, (int)stringLength);
        if (strings.Length == 0 || strings[0] != 0 || strings[^1] != 0)
        {
            throw new BtfException("BTF string section must start and end with a NUL byte");
        }
        var types = body.Slice((int)typeOffset, (int)typeLength).ToArray();
        var table = ReadTypes(types, strings.Length);
        var btf = new Btf(types, strings.ToArray(), table);
        btf.CheckReferences();
        return btf;
    }

    private static BtfType[] ReadTypes(ReadOnlySpan<byte> types, int stringLength)
    {
        var table = new List<BtfType> { default };
        var at = 0;
        while (at < types.Length)
        {
            if (table.Count > MaxTypes)
            {
                throw new BtfException($"BTF has more than {MaxTypes} types");
            }
            if (types.Length - at < TypeHeaderLength)
            {
                throw new BtfException($"BTF type {table.Count} at byte {at} truncated: {types.Length - at} bytes left, need {TypeHeaderLength}");
            }
            var nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(types[at..]);
            var info = BinaryPrimitives.ReadUInt32LittleEndian(types[(at + 4)..]);
            var sizeOrType = BinaryPrimitives.ReadUInt32LittleEndian(types[(at + 8)..]);
            var kindNumber = (info >> 24) & 0x1f;
            if (kindNumber == 0 || kindNumber > (uint)BtfKind.Enum64)
            {
                throw new BtfException($"BTF type {table.Count} at byte {at} has unknown kind {kindNumber}");
            }
            if (nameOffset >= (uint)stringLength)
            {
                throw new BtfException($"BTF type {table.Count} has name offset {nameOffset} beyond the {stringLength}-byte string section");
            }
            var kind = (BtfKind)kindNumber;
            var vlen = (ushort)(info & 0xffff);
            var dataLength = DataLength(kind, vlen);
            var dataOffset = at + TypeHeaderLength;
            if (types.Length - dataOffset < dataLength)
            {
                throw new BtfException($"BTF type {table.Count} ({kind}) at byte {at} needs {dataLength} bytes after its header, {types.Length - dataOffset} left");
            }
            table.Add(new BtfType(kind, nameOffset, vlen, (info & 0x80000000) != 0, sizeOrType, dataOffset));
            at = dataOffset + dataLength;
        }
        return [.. table];
    }

    private static int DataLength(BtfKind kind, int vlen) => kind switch
    {
        BtfKind.Int or BtfKind.Variable or BtfKind.DeclTag => 4,
        BtfKind.Array => 12,
        BtfKind.Struct or BtfKind.Union or BtfKind.DataSection or BtfKind.Enum64 => 12 * vlen,
        BtfKind.Enum or BtfKind.FunctionProto => 8 * vlen,
        _ => 0,
    };

    /// <summary>Every type id and name offset in the trailing data is checked once, so readers need not.</summary>
    private void CheckReferences()
    {
        for (uint id = 1; id < (uint)_table.Length; id++)
        {
            var type = _table[id];
            switch (type.Kind)
            {
                case BtfKind.Pointer or BtfKind.Typedef or BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict
                    or BtfKind.Function or BtfKind.Variable or BtfKind.DeclTag or BtfKind.TypeTag or BtfKind.FunctionProto:
                    CheckType(id, type.Type);
                    break;
                case BtfKind.Array:
                    var array = Array(type);
                    CheckType(id, array.ElementType);
                    CheckType(id, array.IndexType);
                    break;
                default:
                    break;
            }
            for (var i = 0; i < type.Vlen; i++)
            {
                switch (type.Kind)
                {
                    case BtfKind.Struct or BtfKind.Union:
                        var member = Member(type, i);
                        CheckName(id, member.NameOffset);
                        CheckType(id, member.Type);
                        break;
                    case BtfKind.Enum or BtfKind.Enum64:
                        CheckName(id, Enumerator(type, i).NameOffset);
                        break;
                    case BtfKind.FunctionProto:
                        var parameter = Parameter(type, i);
                        CheckName(id, parameter.NameOffset);
                        CheckType(id, parameter.Type);
                        break;
                    case BtfKind.DataSection:
                        CheckType(id, Word(type.DataOffset + (i * 12)));
                        break;
                    default:
                        break;
                }
            }
        }
    }

    private void CheckType(uint id, uint referenced)
    {
        if (referenced >= (uint)_table.Length)
        {
            throw new BtfException($"BTF type {id} refers to type {referenced}, beyond the last type {_table.Length - 1}");
        }
    }

    private void CheckName(uint id, uint nameOffset)
    {
        if (nameOffset >= (uint)_strings.Length)
        {
            throw new BtfException($"BTF type {id} has a name offset {nameOffset} beyond the {_strings.Length}-byte string section");
        }
    }
}
