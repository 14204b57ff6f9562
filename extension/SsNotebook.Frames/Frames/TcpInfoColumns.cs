namespace SsNotebook.Frames;

/// <summary>
/// The tcp_info field columns of a frame (TcpInfo, Samples): one column per <see cref="TcpInfoField"/> that fits
/// in the longest tcp_info of the rows, in kernel order, typed by the field's kind (byte, ushort, uint, ulong; bit
/// fields of up to 8 bits as byte, wider ones as uint). A row whose kernel sent a shorter tcp_info, or none, is null
/// in the fields it lacks. Fill it row by row with <see cref="Set"/>: each row's tcp_info is read once, the fields
/// of one width in one loop.
/// </summary>
internal sealed class TcpInfoColumns
{
    private readonly FieldGroup<byte> _bytes;
    private readonly FieldGroup<ushort> _words;
    private readonly FieldGroup<uint> _integers;
    private readonly FieldGroup<ulong> _longs;
    private readonly BitFields _bits;

    /// <summary>Every column in kernel order.</summary>
    private readonly List<(string Name, Func<DataFrameColumn> Column)> _columns = [];

    /// <param name="rows">The frame's row count.</param>
    /// <param name="longest">The longest <see cref="TcpInfo.Length"/> among the rows: fields beyond it get no column.</param>
    public TcpInfoColumns(int rows, int longest)
    {
        var fields = TcpInfoField.All.Where(field => field.Offset + field.Size <= longest).ToArray();
        _bytes = new FieldGroup<byte>(fields, TcpInfoFieldKind.Byte, rows, _columns);
        _words = new FieldGroup<ushort>(fields, TcpInfoFieldKind.UInt16, rows, _columns);
        _integers = new FieldGroup<uint>(fields, TcpInfoFieldKind.UInt32, rows, _columns);
        _longs = new FieldGroup<ulong>(fields, TcpInfoFieldKind.UInt64, rows, _columns);
        _bits = new BitFields(fields, rows, _columns);
        var order = fields.Select(field => field.Name).ToList();
        _columns.Sort((left, right) => order.IndexOf(left.Name).CompareTo(order.IndexOf(right.Name)));
    }

    /// <summary>Fills row <paramref name="row"/> with the fields the kernel sent in <paramref name="info"/>.</summary>
    public void Set(int row, in TcpInfo info)
    {
        var bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(in info, 1));
        var length = info.Length;
        _bytes.Set(row, bytes, length);
        _words.Set(row, bytes, length);
        _integers.Set(row, bytes, length);
        _longs.Set(row, bytes, length);
        _bits.Set(row, bytes, length);
    }

    /// <summary>Appends the columns, in kernel order, to <paramref name="frame"/>.</summary>
    public void AddTo(DataFrame frame)
    {
        foreach (var (_, column) in _columns)
        {
            frame.Columns.Add(column());
        }
    }

    /// <summary>The plain fields of one width: read straight from their offset.</summary>
    private sealed class FieldGroup<T> where T : unmanaged
    {
        private readonly int[] _offsets;
        private readonly int[] _ends;
        private readonly FrameColumnBuilder<T>[] _buffers;

        public FieldGroup(TcpInfoField[] fields, TcpInfoFieldKind kind, int rows, List<(string, Func<DataFrameColumn>)> columns)
        {
            var mine = fields.Where(field => field.Kind == kind).ToArray();
            _offsets = [.. mine.Select(field => field.Offset)];
            _ends = [.. mine.Select(field => field.Offset + field.Size)];
            _buffers = new FrameColumnBuilder<T>[mine.Length];
            for (var i = 0; i < mine.Length; i++)
            {
                var buffer = _buffers[i] = new FrameColumnBuilder<T>(rows);
                var name = mine[i].Name;
                columns.Add((name, () => buffer.ToColumn(name)));
            }
        }

        public void Set(int row, ReadOnlySpan<byte> info, int length)
        {
            for (var i = 0; i < _buffers.Length; i++)
            {
                if (_ends[i] <= length)
                {
                    _buffers[i].Set(row, MemoryMarshal.Read<T>(info[_offsets[i]..]));
                }
            }
        }
    }

    /// <summary>The bit fields, read as <see cref="TcpInfoField.ValueOf"/> reads them.</summary>
    private sealed class BitFields
    {
        private readonly TcpInfoField[] _fields;
        private readonly FrameColumnBuilder<byte>?[] _narrow;
        private readonly FrameColumnBuilder<uint>?[] _wide;

        public BitFields(TcpInfoField[] fields, int rows, List<(string, Func<DataFrameColumn>)> columns)
        {
            _fields = [.. fields.Where(field => field.Kind == TcpInfoFieldKind.Bits)];
            _narrow = new FrameColumnBuilder<byte>?[_fields.Length];
            _wide = new FrameColumnBuilder<uint>?[_fields.Length];
            for (var i = 0; i < _fields.Length; i++)
            {
                var name = _fields[i].Name;
                if (_fields[i].BitCount <= 8)
                {
                    var buffer = _narrow[i] = new FrameColumnBuilder<byte>(rows);
                    columns.Add((name, () => buffer.ToColumn(name)));
                }
                else
                {
                    var buffer = _wide[i] = new FrameColumnBuilder<uint>(rows);
                    columns.Add((name, () => buffer.ToColumn(name)));
                }
            }
        }

        public void Set(int row, ReadOnlySpan<byte> info, int length)
        {
            for (var i = 0; i < _fields.Length; i++)
            {
                var field = _fields[i];
                if (field.Offset + field.Size > length)
                {
                    continue;
                }
                var slice = info.Slice(field.Offset, field.Size);
                ulong raw = field.Size switch
                {
                    1 => slice[0],
                    2 => MemoryMarshal.Read<ushort>(slice),
                    4 => MemoryMarshal.Read<uint>(slice),
                    _ => MemoryMarshal.Read<ulong>(slice),
                };
                var value = (raw >> field.BitShift) & ((1UL << field.BitCount) - 1);
                _narrow[i]?.Set(row, (byte)value);
                _wide[i]?.Set(row, (uint)value);
            }
        }
    }
}
