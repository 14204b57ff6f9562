namespace SsNotebook.Bpf;

/// <summary>How one value is dumped: ss asks for compact text with -O, otherwise for two levels of tab indent.</summary>
/// <param name="Compact">-O: the value on one line, without newlines or indent.</param>
/// <param name="IndentLevel">Tabs before each line of the multi-line form.</param>
/// <param name="AddressResidue">The value's address modulo 8 in the reader's buffer: libbpf reads pointers and
/// enums differently when they are not aligned, which shows in a NULL pointer ("(nil)" or "0x0") and a negative
/// signed enum (its name or an unsigned number).</param>
internal readonly record struct BtfDumpOptions(bool Compact, int IndentLevel, int AddressResidue = 0);

/// <summary>
/// Writes a value as libbpf 1.1's btf_dump__dump_type_data writes it with emit_zeroes (ss 6.10's --bpf-maps): each
/// value after a "(type)" cast, members as ".name = ", arrays of 1-byte integers as quoted characters up to the
/// first NUL, bitfields in hex, enums by name, pointers with %p. The walk follows libbpf's step by step, its
/// quirks included (the character-array state outlives the array; errors inside arrays are ignored), because the
/// text must match. One instance per map: the type names' "___N" numbering persists across values, as in ss.
/// Bounded: nesting, steps and output; a bound reached ends the dump with <see cref="LimitError"/>.
/// </summary>
internal sealed class BtfDataDumper
{
    public const int Einval = 22;
    public const int Enoent = 2;
    public const int E2big = 7;
    public const int Enotsup = 95;

    /// <summary>The code a dump that reached one of this reader's bounds returns (libbpf's -E2BIG).</summary>
    public const int LimitError = -E2big;

    /// <summary>libbpf's MAX_RESOLVE_DEPTH for sizes; also the bound on nested values here (the kernel's own is 32).</summary>
    private const int MaxResolveDepth = 32;
    private const int MaxNesting = 64;
    private const int MaxSteps = 1 << 22;

    private static readonly string[] LongNames =
    [
        "long", "long int", "int long", "unsigned long", "long unsigned", "unsigned long int", "unsigned int long",
        "long unsigned int", "long int unsigned", "int unsigned long", "int long unsigned",
    ];

    private readonly Btf _btf;
    private readonly BtfTypeNames _names;
    private readonly int _pointerSize;

    // The state of one dump (libbpf's struct btf_dump_data).
    private byte[] _data = [];
    private BtfOutput _output = new();
    private BtfDumpOptions _options;
    private int _depth;
    private bool _isArrayMember;
    private bool _isArrayChar;
    private bool _isArrayTerminated;
    private int _nesting;
    private int _steps;

    public BtfDataDumper(Btf btf)
    {
        ArgumentNullException.ThrowIfNull(btf);
        _btf = btf;
        _names = new BtfTypeNames(btf);
        _pointerSize = GuessPointerSize(btf);
    }

    /// <summary>Why the last dump stopped early at one of this reader's bounds, or null.</summary>
    public string? LimitReason { get; private set; }

    /// <summary>
    /// Dumps <paramref name="data"/> as type <paramref name="typeId"/> into <paramref name="output"/> and returns
    /// what libbpf returns: the type's size, or -errno (output written before the error stays).
    /// </summary>
    public int Dump(uint typeId, ReadOnlySpan<byte> data, BtfDumpOptions options, BtfOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        LimitReason = null;
        if (!_btf.Contains(typeId))
        {
            return -Enoent;
        }
        _data = data.ToArray();
        _output = output;
        _options = options;
        _depth = 0;
        _isArrayMember = false;
        _isArrayChar = false;
        _isArrayTerminated = false;
        _nesting = 0;
        _steps = 0;
        try
        {
            return DumpValue(null, typeId, 0, 0, 0);
        }
        catch (BtfException limit)
        {
            LimitReason = limit.Message;
            return LimitError;
        }
        finally
        {
            _data = [];
        }
    }

    /// <summary>btf_dump_dump_type_data: one value, with its prefix, name and cast.</summary>
    private int DumpValue(uint? nameOffset, uint id, long position, int bitOffset, int bitSize)
    {
        if (++_steps > MaxSteps)
        {
            throw new BtfException($"the dump of this value takes more than {MaxSteps} steps");
        }
        var size = CheckOverflow(id, position, bitOffset);
        if (size < 0)
        {
            return size;
        }
        WritePrefix();
        if (nameOffset is { } offset && _btf.Name(offset).Length > 0)
        {
            _output.Write((byte)'.');
            _output.Write(_btf.Name(offset));
            _output.Write(" = "u8);
        }
        WriteCast(id, topLevel: true);
        var type = SkipModifiersAndTypedefs(id);
        int error;
        switch (type.Kind)
        {
            case BtfKind.Unknown or BtfKind.Forward or BtfKind.Function or BtfKind.FunctionProto or BtfKind.DeclTag:
                _output.WriteAscii($"<unsupported kind:{(int)type.Kind}>");
                error = -Enotsup;
                break;
            case BtfKind.Int:
                error = bitSize != 0 ? DumpBitfield(type, position, bitOffset, bitSize) : DumpInt(type, position);
                break;
            case BtfKind.Float:
                error = DumpFloat(type, position);
                break;
            case BtfKind.Pointer:
                DumpPointer(id, position);
                error = 0;
                break;
            case BtfKind.Array:
                error = Nest(() => DumpArray(type, position));
                break;
            case BtfKind.Struct or BtfKind.Union:
                error = Nest(() => DumpStruct(type, position));
                break;
            case BtfKind.Enum or BtfKind.Enum64:
                error = DumpEnumValue(type, id, position, bitOffset, bitSize);
                break;
            case BtfKind.Variable:
                error = Nest(() => DumpVariable(type, position));
                break;
            case BtfKind.DataSection:
                error = Nest(() => DumpDataSection(type, position));
                break;
            default:
                return -Einval;
        }
        return error < 0 ? error : size;
    }

    private int Nest(Func<int> dump)
    {
        if (++_nesting > MaxNesting)
        {
            throw new BtfException($"BTF values nest deeper than {MaxNesting}");
        }
        try
        {
            return dump();
        }
        finally
        {
            _nesting--;
        }
    }

    /// <summary>btf_dump_type_data_check_overflow: the type's size, or an error when it has none or a base value
    /// (integer, float, pointer, enum) would run past the data.</summary>
    private int CheckOverflow(uint id, long position, int bitOffset)
    {
        var size = ResolveSize(id);
        if (size < 0 || size >= int.MaxValue)
        {
            return -Einval;
        }
        var type = SkipModifiersAndTypedefs(id);
        if (type.Kind is BtfKind.Int or BtfKind.Float or BtfKind.Pointer or BtfKind.Enum or BtfKind.Enum64
            && position + (bitOffset / 8) + size > _data.Length)
        {
            return -E2big;
        }
        return (int)size;
    }

    private void WritePrefix()
    {
        if (_options.Compact)
        {
            return;
        }
        for (var i = _options.IndentLevel + _depth; i > 0; i--)
        {
            _output.Write((byte)'\t');
        }
    }

    /// <summary>btf_dump_type_values' tail: the delimiter and newline every value ends with.</summary>
    private void EndValue()
    {
        if (_depth != 0)
        {
            _output.Write((byte)',');
        }
        WriteNewline();
    }

    private void WriteNewline()
    {
        if (!_options.Compact && _depth != 0)
        {
            _output.Write((byte)'\n');
        }
    }

    private void WriteCast(uint id, bool topLevel)
    {
        if (_isArrayMember)
        {
            return;
        }
        var kind = _btf[id].Kind;
        if (kind is BtfKind.Variable or BtfKind.DataSection)
        {
            return;
        }
        if (topLevel)
        {
            _output.Write((byte)'(');
        }
        _names.WriteDeclaration(id, default, _output);
        if (topLevel)
        {
            _output.Write((byte)')');
        }
    }

    private int DumpInt(BtfType type, long position)
    {
        var size = (int)Math.Min(type.Size, int.MaxValue);
        if (size is not (1 or 2 or 4 or 8 or 16))
        {
            return -Einval;
        }
        var bytes = _data.AsSpan((int)position, size);
        var signed = ((_btf.ExtraWord(type) >> 24) & 1) != 0;
        switch (size)
        {
            case 16:
                var low = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
                var high = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
                _output.Write("0x"u8);
                if (high != 0)
                {
                    _output.WriteHex(high);
                    _output.WriteAscii(low.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    _output.WriteHex(low);
                }
                break;
            case 8:
                WriteInteger(signed, BinaryPrimitives.ReadInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes));
                break;
            case 4:
                WriteInteger(signed, BinaryPrimitives.ReadInt32LittleEndian(bytes), BinaryPrimitives.ReadUInt32LittleEndian(bytes));
                break;
            case 2:
                WriteInteger(signed, BinaryPrimitives.ReadInt16LittleEndian(bytes), BinaryPrimitives.ReadUInt16LittleEndian(bytes));
                break;
            default:
                if (_isArrayChar)
                {
                    // The NUL ends the "string" and everything 1-byte after it prints nothing, for the rest of the
                    // dump: libbpf never resets these flags.
                    if (_isArrayTerminated)
                    {
                        return 0;
                    }
                    if (bytes[0] == 0)
                    {
                        _isArrayTerminated = true;
                        return 0;
                    }
                    if (bytes[0] is >= 0x20 and < 0x7f)
                    {
                        _output.Write((byte)'\'');
                        _output.Write(bytes[0]);
                        _output.Write((byte)'\'');
                        EndValue();
                        return 0;
                    }
                }
                WriteInteger(signed, (sbyte)bytes[0], bytes[0]);
                break;
        }
        EndValue();
        return 0;
    }

    private void WriteInteger(bool signed, long signedValue, ulong unsignedValue)
    {
        if (signed)
        {
            _output.WriteDecimal(signedValue);
        }
        else
        {
            _output.WriteDecimal(unsignedValue);
        }
    }

    private int DumpBitfield(BtfType type, long position, int bitOffset, int bitSize)
    {
        var error = ReadBitfield(type, position, bitOffset, bitSize, out var value);
        if (error < 0)
        {
            return error;
        }
        _output.Write("0x"u8);
        _output.WriteHex(value);
        EndValue();
        return 0;
    }

    /// <summary>btf_dump_get_bitfield_value on a little-endian host, its shifts masked to 6 bits as x86 does.</summary>
    private int ReadBitfield(BtfType type, long position, int bitOffset, int bitSize, out ulong value)
    {
        value = 0;
        if (type.Size > 8)
        {
            return -Einval;
        }
        var size = (int)type.Size;
        if (position + size > _data.Length)
        {
            return -E2big;
        }
        ulong number = 0;
        for (var i = size - 1; i >= 0; i--)
        {
            number = (number * 256) + _data[position + i];
        }
        var copied = (byte)(bitSize + bitOffset);
        var left = (64 - copied) & 63;
        var right = (64 - bitSize) & 63;
        value = (number << left) >> right;
        return 0;
    }

    private int DumpFloat(BtfType type, long position)
    {
        if (type.Size is not (4 or 8 or 16))
        {
            return -Einval;
        }
        _output.WriteAscii(BtfFloat.Format(_data.AsSpan((int)position, (int)type.Size)));
        EndValue();
        return 0;
    }

    private void DumpPointer(uint id, long position)
    {
        var bytes = _data.AsSpan((int)position, _pointerSize);
        var value = _pointerSize == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (IsAligned(id, position) && _pointerSize == IntPtr.Size && value == 0)
        {
            _output.Write("(nil)"u8);
        }
        else
        {
            _output.Write("0x"u8);
            _output.WriteHex(value);
        }
        EndValue();
    }

    private int DumpEnumValue(BtfType type, uint id, long position, int bitOffset, int bitSize)
    {
        if (bitSize == 0)
        {
            return DumpEnum(type, id, _data.AsSpan((int)Math.Min(position, _data.Length)), IsAligned(id, position));
        }
        var error = ReadBitfield(type, position, bitOffset, bitSize, out var value);
        if (error < 0)
        {
            return error;
        }
        // libbpf hands the value over in an aligned 64-bit local and reads it at the enum's size.
        Span<byte> local = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(local, value);
        return DumpEnum(type, id, local, aligned: true);
    }

    private int DumpEnum(BtfType type, uint id, ReadOnlySpan<byte> bytes, bool aligned)
    {
        long value;
        var signed = type.KindFlag;
        if (!aligned)
        {
            if (type.Size > 8 || bytes.Length < type.Size)
            {
                return -Einval;
            }
            ulong number = 0;
            for (var i = (int)type.Size - 1; i >= 0; i--)
            {
                number = (number * 256) + bytes[i];
            }
            value = (long)number;
        }
        else
        {
            switch (type.Size)
            {
                case 8: value = BinaryPrimitives.ReadInt64LittleEndian(bytes); break;
                case 4: value = signed ? BinaryPrimitives.ReadInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes); break;
                case 2: value = signed ? BinaryPrimitives.ReadInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes); break;
                case 1: value = signed ? (sbyte)bytes[0] : bytes[0]; break;
                default: return -Einval;
            }
        }
        for (var i = 0; i < type.Vlen; i++)
        {
            var (nameOffset, enumerator) = _btf.Enumerator(type, i);
            if (enumerator == value)
            {
                _output.Write(_btf.Name(nameOffset));
                EndValue();
                return 0;
            }
        }
        if (type.Kind == BtfKind.Enum)
        {
            // "%d" / "%u" of a 64-bit argument: the low 32 bits.
            if (signed)
            {
                _output.WriteDecimal((long)(int)value);
            }
            else
            {
                _output.WriteDecimal((ulong)(uint)value);
            }
        }
        else if (signed)
        {
            _output.WriteDecimal(value);
            _output.Write("LL"u8);
        }
        else
        {
            _output.WriteDecimal((ulong)value);
            _output.Write("ULL"u8);
        }
        EndValue();
        return 0;
    }

    private int DumpArray(BtfType type, long position)
    {
        var array = _btf.Array(type);
        var elementType = SkipModifiersAndTypedefs(array.ElementType);
        var elementSize = ResolveSize(array.ElementType);
        if (elementSize <= 0)
        {
            return -Einval;
        }
        if (elementType.Kind == BtfKind.Int && elementSize == 1)
        {
            _isArrayChar = true;
        }
        _depth++;
        _output.Write((byte)'[');
        WriteNewline();
        var wasArrayMember = _isArrayMember;
        _isArrayMember = true;
        for (uint i = 0; i < array.Count; i++)
        {
            if (_isArrayTerminated)
            {
                break;
            }
            // libbpf ignores an element's error and goes on with the next.
            DumpValue(null, array.ElementType, position + (i * elementSize), 0, 0);
        }
        _isArrayMember = wasArrayMember;
        _depth--;
        WritePrefix();
        _output.Write((byte)']');
        EndValue();
        return 0;
    }

    private int DumpStruct(BtfType type, long position)
    {
        _depth++;
        _output.Write((byte)'{');
        WriteNewline();
        var result = 0;
        for (var i = 0; i < type.Vlen; i++)
        {
            var member = _btf.Member(type, i);
            // On an error libbpf returns at once, leaving the depth raised.
            result = DumpValue(member.NameOffset, member.Type, position + (member.BitOffset / 8), (int)(member.BitOffset % 8), member.BitfieldSize);
            if (result < 0)
            {
                return result;
            }
        }
        _depth--;
        WritePrefix();
        _output.Write((byte)'}');
        EndValue();
        return result;
    }

    private int DumpVariable(BtfType type, long position)
    {
        // struct btf_var's linkage: BTF_VAR_STATIC 0, BTF_VAR_GLOBAL_ALLOCATED 1, BTF_VAR_GLOBAL_EXTERN 2.
        _output.Write(_btf.ExtraWord(type) switch { 0 => "static "u8, 2 => "extern "u8, _ => ""u8 });
        WriteCast(type.Type, topLevel: false);
        _output.Write((byte)' ');
        _output.Write(_btf.Name(type.NameOffset));
        _output.Write(" = "u8);
        return DumpValue(null, type.Type, position, 0, 0);
    }

    private int DumpDataSection(BtfType type, long position)
    {
        _output.Write("SEC(\""u8);
        _output.Write(_btf.Name(type.NameOffset));
        _output.Write("\") "u8);
        EndValue();
        for (var i = 0; i < type.Vlen; i++)
        {
            // struct btf_var_secinfo: type, offset, size.
            var (variable, offset) = SectionVariable(type, i);
            var result = DumpValue(null, variable, position + offset, 0, 0);
            if (result < 0)
            {
                return result;
            }
            _output.Write((byte)';');
        }
        return 0;
    }

    private (uint Type, uint Offset) SectionVariable(BtfType section, int index)
    {
        var member = _btf.Member(section with { KindFlag = false }, index);
        return (member.NameOffset, member.Type);
    }

    /// <summary>btf__resolve_size: the size of a sized type, following typedefs, modifiers and arrays; -errno otherwise.</summary>
    private long ResolveSize(uint id)
    {
        ulong count = 1;
        long size = -1;
        var type = _btf[id];
        for (var i = 0; i < MaxResolveDepth && id != 0 && type.Kind != BtfKind.Forward; i++)
        {
            switch (type.Kind)
            {
                case BtfKind.Int or BtfKind.Struct or BtfKind.Union or BtfKind.Enum or BtfKind.Enum64
                    or BtfKind.DataSection or BtfKind.Float:
                    size = type.Size;
                    goto Done;
                case BtfKind.Pointer:
                    size = _pointerSize;
                    goto Done;
                case BtfKind.Typedef or BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict or BtfKind.Variable
                    or BtfKind.DeclTag or BtfKind.TypeTag:
                    id = type.Type;
                    break;
                case BtfKind.Array:
                    var array = _btf.Array(type);
                    if (count != 0 && array.Count > uint.MaxValue / count)
                    {
                        return -E2big;
                    }
                    count *= array.Count;
                    id = array.ElementType;
                    break;
                default:
                    return -Einval;
            }
            type = _btf[id];
        }
    Done:
        if (size < 0)
        {
            return -Einval;
        }
        if (count != 0 && (ulong)size > uint.MaxValue / count)
        {
            return -E2big;
        }
        return (long)count * size;
    }

    /// <summary>btf__align_of, for the alignment checks that change what libbpf prints.</summary>
    private int AlignOf(uint id, int depth = 0)
    {
        if (depth > MaxResolveDepth)
        {
            return 0;
        }
        var type = _btf[id];
        switch (type.Kind)
        {
            case BtfKind.Int or BtfKind.Enum or BtfKind.Enum64 or BtfKind.Float:
                return (int)Math.Min((uint)_pointerSize, type.Size);
            case BtfKind.Pointer:
                return _pointerSize;
            case BtfKind.Typedef or BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict or BtfKind.TypeTag:
                return AlignOf(type.Type, depth + 1);
            case BtfKind.Array:
                return AlignOf(_btf.Array(type).ElementType, depth + 1);
            case BtfKind.Struct or BtfKind.Union:
                var largest = 1;
                for (var i = 0; i < type.Vlen; i++)
                {
                    var member = _btf.Member(type, i);
                    var alignment = AlignOf(member.Type, depth + 1);
                    if (alignment <= 0)
                    {
                        return alignment;
                    }
                    largest = Math.Max(largest, alignment);
                    if (member.BitfieldSize == 0 && member.BitOffset % (8 * (uint)alignment) != 0)
                    {
                        return 1;
                    }
                }
                return type.Size % (uint)largest != 0 ? 1 : largest;
            default:
                return 0;
        }
    }

    private bool IsAligned(uint id, long position)
    {
        var alignment = AlignOf(id);
        return alignment != 0 && (_options.AddressResidue + position) % alignment == 0;
    }

    private BtfType SkipModifiersAndTypedefs(uint id)
    {
        var type = _btf[id];
        for (var i = 0; type.IsModifier || type.Kind == BtfKind.Typedef; i++)
        {
            if (i > MaxResolveDepth * 8)
            {
                throw new BtfException($"BTF type {id} is a chain of typedefs and modifiers longer than {MaxResolveDepth * 8} (a cycle?)");
            }
            type = _btf[type.Type];
        }
        return type;
    }

    /// <summary>libbpf's guess: the size of a "long" integer type if the BTF has one, else the host's.</summary>
    private static int GuessPointerSize(Btf btf)
    {
        for (uint id = 1; id < (uint)btf.Count; id++)
        {
            var type = btf[id];
            if (type.Kind == BtfKind.Int && type.Size is 4 or 8 && LongNames.Contains(btf.NameString(type.NameOffset)))
            {
                return (int)type.Size;
            }
        }
        return IntPtr.Size;
    }
}
