namespace SsNotebook.Bpf;

/// <summary>
/// The C spelling of a BTF type as libbpf's btf_dump writes it in the "(type)" cast before each value: modifiers
/// dropped, anonymous structs, unions and enums named by their keyword alone, pointers, arrays and function
/// prototypes in declarator order. Names repeated by different types get btf_dump's "___N" suffix, numbered in
/// the order the types are first named: that state lives as long as this instance (one per map, as ss keeps one
/// btf_dump per map).
/// </summary>
internal sealed class BtfTypeNames(Btf btf)
{
    /// <summary>How long a chain of pointers, arrays and prototypes may be (malformed BTF can make it a cycle).</summary>
    private const int MaxChain = 256;

    /// <summary>How deeply prototypes may nest in their parameters.</summary>
    private const int MaxNesting = 32;

    private readonly Dictionary<string, int> _typeNameCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _identifierCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, byte[]> _resolved = [];

    /// <summary>Writes the declaration of <paramref name="id"/> with <paramref name="name"/> as its declarator name.</summary>
    public void WriteDeclaration(uint id, ReadOnlySpan<byte> name, BtfOutput output) => WriteDeclaration(id, name, output, 0);

    private void WriteDeclaration(uint id, ReadOnlySpan<byte> name, BtfOutput output, int nesting)
    {
        if (nesting > MaxNesting)
        {
            throw new BtfException($"BTF function prototypes nest deeper than {MaxNesting}");
        }
        var stack = new List<uint>();
        for (; ; )
        {
            if (stack.Count > MaxChain)
            {
                throw new BtfException($"BTF type {id} starts a declaration chain longer than {MaxChain} (a cycle?)");
            }
            var type = btf[id];
            if (!type.IsModifier)
            {
                stack.Add(id);
            }
            if (id == 0)
            {
                break;
            }
            if (type.Kind is BtfKind.Pointer or BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict
                or BtfKind.FunctionProto or BtfKind.TypeTag)
            {
                id = type.Type;
            }
            else if (type.Kind == BtfKind.Array)
            {
                id = btf.Array(type).ElementType;
            }
            else
            {
                // INT, ENUM, ENUM64, FWD, STRUCT, UNION, TYPEDEF and FLOAT end the chain; so does anything else
                // (libbpf warns and stops there).
                break;
            }
        }
        WriteChain(stack, name, output, nesting);
    }

    /// <summary>btf_dump's emit_type_chain over the ids of <paramref name="stack"/>, innermost last.</summary>
    private void WriteChain(List<uint> stack, ReadOnlySpan<byte> name, BtfOutput output, int nesting)
    {
        var lastWasPointer = true;
        while (stack.Count > 0)
        {
            var id = Pop(stack);
            if (id == 0)
            {
                output.Write("void"u8);
                lastWasPointer = false;
                continue;
            }
            var type = btf[id];
            switch (type.Kind)
            {
                case BtfKind.Int or BtfKind.Float:
                    output.Write(btf.Name(type.NameOffset));
                    break;
                case BtfKind.Struct or BtfKind.Union:
                    output.Write(type.Kind == BtfKind.Struct ? "struct"u8 : "union"u8);
                    if (type.NameOffset != 0)
                    {
                        output.Write((byte)' ');
                    }
                    output.Write(TypeName(id));
                    break;
                case BtfKind.Enum or BtfKind.Enum64:
                    output.Write("enum "u8);
                    output.Write(TypeName(id));
                    break;
                case BtfKind.Forward:
                    output.Write(type.KindFlag ? "union "u8 : "struct "u8);
                    output.Write(TypeName(id));
                    break;
                case BtfKind.Typedef:
                    output.Write(IdentifierName(id));
                    break;
                case BtfKind.Pointer:
                    output.Write(lastWasPointer ? "*"u8 : " *"u8);
                    break;
                case BtfKind.Array:
                    WriteArray(stack, btf.Array(type).Count, name, lastWasPointer, output, nesting);
                    return;
                case BtfKind.FunctionProto:
                    WritePrototype(stack, type, name, lastWasPointer, output, nesting);
                    return;
                default:
                    // libbpf warns ("unexpected type in decl chain") and writes nothing more.
                    return;
            }
            lastWasPointer = type.Kind == BtfKind.Pointer;
        }
        WriteName(name, lastWasPointer, output);
    }

    private void WriteArray(List<uint> stack, uint count, ReadOnlySpan<byte> name, bool lastWasPointer, BtfOutput output, int nesting)
    {
        if (stack.Count == 0)
        {
            WriteName(name, lastWasPointer, output);
            WriteCount(count, output);
            return;
        }
        var multidimensional = btf[stack[^1]].Kind == BtfKind.Array;
        if (name.Length > 0 && !lastWasPointer)
        {
            output.Write((byte)' ');
        }
        if (!multidimensional)
        {
            output.Write((byte)'(');
        }
        WriteChain(stack, name, output, nesting);
        if (!multidimensional)
        {
            output.Write((byte)')');
        }
        WriteCount(count, output);
    }

    private void WritePrototype(List<uint> stack, BtfType prototype, ReadOnlySpan<byte> name, bool lastWasPointer, BtfOutput output, int nesting)
    {
        if (stack.Count > 0)
        {
            output.Write(" ("u8);
            WriteChain(stack, name, output, nesting);
            output.Write((byte)')');
        }
        else
        {
            WriteName(name, lastWasPointer, output);
        }
        output.Write((byte)'(');
        var count = prototype.Vlen;
        if (count == 1 && btf.Parameter(prototype, 0).Type == 0)
        {
            output.Write((byte)')');
            return;
        }
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                output.Write(", "u8);
            }
            var parameter = btf.Parameter(prototype, i);
            if (i == count - 1 && parameter.Type == 0)
            {
                output.Write("..."u8);
                break;
            }
            WriteDeclaration(parameter.Type, btf.Name(parameter.NameOffset), output, nesting + 1);
        }
        output.Write((byte)')');
    }

    private static void WriteCount(uint count, BtfOutput output)
    {
        output.Write((byte)'[');
        output.WriteDecimal(count);
        output.Write((byte)']');
    }

    private static void WriteName(ReadOnlySpan<byte> name, bool lastWasPointer, BtfOutput output)
    {
        if (name.Length > 0 && !lastWasPointer)
        {
            output.Write((byte)' ');
        }
        output.Write(name);
    }

    private static uint Pop(List<uint> stack)
    {
        var id = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return id;
    }

    /// <summary>The name of a struct, union, enum or forward declaration, deduplicated among those.</summary>
    private ReadOnlySpan<byte> TypeName(uint id) => Resolve(id, _typeNameCounts);

    /// <summary>The name of a typedef, deduplicated among typedefs.</summary>
    private ReadOnlySpan<byte> IdentifierName(uint id) => Resolve(id, _identifierCounts);

    private ReadOnlySpan<byte> Resolve(uint id, Dictionary<string, int> counts)
    {
        var type = btf[id];
        if (type.NameOffset == 0)
        {
            return default;
        }
        if (_resolved.TryGetValue(id, out var known))
        {
            return known;
        }
        var name = btf.Name(type.NameOffset);
        if (type.Kind == BtfKind.Forward || (type.Kind == BtfKind.Enum && type.Vlen == 0))
        {
            return _resolved[id] = name.ToArray();
        }
        // Latin-1 keeps every byte distinct, as the C string compare does.
        var text = Encoding.Latin1.GetString(name);
        counts[text] = counts.TryGetValue(text, out var seen) ? seen + 1 : 1;
        if (counts[text] == 1)
        {
            return _resolved[id] = name.ToArray();
        }
        // snprintf into 256 bytes: at most 255 of them.
        byte[] suffixed = [.. name, .. Encoding.ASCII.GetBytes($"___{counts[text]}")];
        return _resolved[id] = suffixed.Length > 255 ? suffixed[..255] : suffixed;
    }
}
