using System.Buffers.Binary;
using SsNotebook.Bpf;

namespace SsNotebook.Fuzz.Targets;

/// <summary>
/// Raw BTF as the kernel would hand it back for a map, and a value to print with it: Btf.Parse, then the
/// btf_dump-compatible printer in both of ss's layouts. Contract: a malformed blob is a BtfException from the
/// parser; anything the parser accepts prints (or ends with an error code) within the printer's bounds, whatever
/// the types say — cycles, huge arrays, sizes past the value.
/// </summary>
public sealed class BtfTarget : FuzzTarget
{
    /// <summary>The input's header: flags (bit 0 compact, bits 1-3 the address residue), value type id (u32),
    /// value length (u16); then the value, then the BTF.</summary>
    public const int HeaderLength = 7;

    /// <summary>A small output bound keeps each run fast; the bound itself is what is tested.</summary>
    // Made at the first input, not with the target: under afl the targets are built before SharpFuzz maps its
    // coverage memory, and instrumented code run then (any Core constructor) writes through a null map.
    private BtfOutput? _output;

    public override string Name => "btf";

    public override string Contract => "BTF parser and value printer: BtfException for malformed BTF, otherwise bounded output and an error code, never another exception";

    public override bool IsRejection(Exception exception) => exception is BtfException;

    public static byte[] Input(bool compact, int residue, uint type, ReadOnlySpan<byte> value, ReadOnlySpan<byte> btf)
    {
        var input = new byte[HeaderLength + value.Length + btf.Length];
        input[0] = (byte)((compact ? 1 : 0) | ((residue & 7) << 1));
        BinaryPrimitives.WriteUInt32LittleEndian(input.AsSpan(1), type);
        BinaryPrimitives.WriteUInt16LittleEndian(input.AsSpan(5), (ushort)value.Length);
        value.CopyTo(input.AsSpan(HeaderLength));
        btf.CopyTo(input.AsSpan(HeaderLength + value.Length));
        return input;
    }

    public override void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < HeaderLength)
        {
            return;
        }
        var type = BinaryPrimitives.ReadUInt32LittleEndian(input[1..]);
        var valueLength = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(input[5..]), input.Length - HeaderLength);
        var value = input.Slice(HeaderLength, valueLength);
        var btf = Btf.Parse(input[(HeaderLength + valueLength)..]);
        var dumper = new BtfDataDumper(btf);
        var options = new BtfDumpOptions((input[0] & 1) != 0, 2, (input[0] >> 1) & 7);
        _output ??= new BtfOutput(limit: 1 << 16);
        _output.Clear();
        var result = dumper.Dump(type, value, options, _output);
        if (result == BtfDataDumper.LimitError && dumper.LimitReason is null && _output.Length > _output.Limit)
        {
            throw new InvalidOperationException("output past its bound");
        }
        // The other layout, and the same dumper again: its type-name numbering carries over.
        _output.Clear();
        dumper.Dump(type, value, options with { Compact = !options.Compact }, _output);
    }
}
