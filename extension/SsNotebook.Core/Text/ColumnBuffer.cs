namespace SsNotebook.Text;

/// <summary>
/// Collects the text of each column, line after line, then lays the batch out with ss's widths. ss stores fields
/// as length-prefixed tokens in 1 MiB chunks and renders whenever a line ends with 5 chunks allocated; the chunk
/// accounting is reproduced byte for byte here so that batch boundaries (and so column widths) fall on the same
/// lines. Measured maxima persist across batches, as in ss.
/// </summary>
internal sealed class ColumnBuffer : IDisposable
{
    // ss allocates 1 MiB chunks whose header (next and end pointers) takes 16 bytes.
    private const int ChunkCapacity = 1024 * 1024 - 16;
    private const int MaxChunks = 5;
    private const int LengthPrefix = 2;

    private readonly bool[] _disabled = new bool[ColumnSpec.Count];
    private readonly int[] _maxLength = new int[ColumnSpec.Count];
    private readonly int[] _width = new int[ColumnSpec.Count];
    private readonly Stream _output;
    private readonly int? _screenWidth;

    private byte[] _text = ArrayPool<byte>.Shared.Rent(1 << 20);
    private int _textLength;
    private int[] _tokenEnds = ArrayPool<int>.Shared.Rent(1 << 16);
    private int _tokenCount;
    private int _tokenStart;
    private byte[] _render = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int _renderLength;

    private int _current;
    private bool _hasBuffer;
    private int _chunks;
    private int _chunkUsed;
    private int _tokenChunkStart;
    private bool _tokenMoved;

    public ColumnBuffer(Stream output, int? screenWidth)
    {
        _output = output;
        _screenWidth = screenWidth;
    }

    public Column Current => (Column)_current;

    public void Disable(Column column) => _disabled[(int)column] = true;

    public bool IsDisabled(Column column) => _disabled[(int)column];

    /// <summary>Room to write up to <paramref name="size"/> bytes into the current field; commit with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_text.Length - _textLength < size)
        {
            Grow(size);
        }
        return _text.AsSpan(_textLength);
    }

    public void Advance(int count)
    {
        if (!_disabled[_current] && count > 0)
        {
            EnsureBuffer();
            _textLength += count;
        }
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_disabled[_current] || bytes.IsEmpty)
        {
            return;
        }
        bytes.CopyTo(GetSpan(bytes.Length));
        Advance(bytes.Length);
    }

    public void Write(string ascii)
    {
        if (_disabled[_current] || ascii.Length == 0)
        {
            return;
        }
        var span = GetSpan(ascii.Length * 3);
        Advance(System.Text.Encoding.UTF8.GetBytes(ascii, span));
    }

    public void Write(byte b)
    {
        if (_disabled[_current])
        {
            return;
        }
        GetSpan(1)[0] = b;
        Advance(1);
    }

    public void WriteUInt(ulong value)
    {
        if (_disabled[_current])
        {
            return;
        }
        System.Buffers.Text.Utf8Formatter.TryFormat(value, GetSpan(20), out var written);
        Advance(written);
    }

    /// <summary>A label and a decimal number after it ("ino:" 1234): the shape of most of ss's extended fields.</summary>
    public void WriteField(ReadOnlySpan<byte> label, ulong value)
    {
        Write(label);
        WriteUInt(value);
    }

    public void WriteInt(long value)
    {
        if (_disabled[_current])
        {
            return;
        }
        System.Buffers.Text.Utf8Formatter.TryFormat(value, GetSpan(20), out var written);
        Advance(written);
    }

    public void WriteHex(ulong value)
    {
        if (_disabled[_current])
        {
            return;
        }
        System.Buffers.Text.Utf8Formatter.TryFormat(value, GetSpan(16), out var written, new StandardFormat('x'));
        Advance(written);
    }

    /// <summary>C's <c>%.{precision}g</c>.</summary>
    public void WriteG(double value, int precision = 6)
    {
        if (_disabled[_current])
        {
            return;
        }
        Advance(CFormat.FormatG(value, precision, GetSpan(400)));
    }

    /// <summary>C's <c>%.{precision}g</c> of (double)<paramref name="mantissa"/> / 10^<paramref name="scale"/>, fast for integers.</summary>
    public void WriteScaledG(ulong mantissa, int scale, int precision = 6)
    {
        if (_disabled[_current])
        {
            return;
        }
        var span = GetSpan(400);
        if (!CFormat.TryFormatDecimal(mantissa, scale, precision, span, out var written))
        {
            written = CFormat.FormatG(mantissa / Math.Pow(10, scale), precision, span);
        }
        Advance(written);
    }

    /// <summary>C's <c>%.{decimals}f</c>.</summary>
    public void WriteFixed(double value, int decimals)
    {
        if (_disabled[_current])
        {
            return;
        }
        Advance(CFormat.FormatFixed(value, decimals, GetSpan(400)));
    }

    /// <summary>ss's field_next: ends the current field; at the end of a line with 5 chunks in use, renders the batch.</summary>
    public void NextField()
    {
        if (!_disabled[_current])
        {
            Settle();
        }
        if (_current == ColumnSpec.Count - 1 && _chunks >= MaxChunks)
        {
            Render();
            return;
        }
        Flush();
        _current = _current == ColumnSpec.Count - 1 ? 0 : _current + 1;
    }

    /// <summary>ss's field_set: ends fields until <paramref name="column"/> is current.</summary>
    public void SetField(Column column)
    {
        while (_current != (int)column)
        {
            NextField();
        }
    }

    /// <summary>Lays out and writes every buffered line, then forgets them (the measured widths are kept).</summary>
    public void Render()
    {
        if (!_hasBuffer)
        {
            return;
        }
        Settle();
        if (!_disabled[_current])
        {
            // The token being written is rendered but was never flushed, so it does not count towards its width.
            AddTokenEnd();
        }
        CalculateWidths();

        var column = 0;
        while (_width[column] == 0 && column < ColumnSpec.Count - 1)
        {
            column++;
        }
        var lineStarted = false;
        var start = 0;
        for (var t = 0; t < _tokenCount; t++)
        {
            var end = _tokenEnds[t];
            var token = _text.AsSpan(start, end - start);
            start = end;
            var spec = ColumnSpec.All[column];
            var width = _width[column];
            var printed = 0;
            if (lineStarted)
            {
                printed = spec.LeftDelimiter.Length;
                if (printed > 0)
                {
                    Emit((byte)' ');
                }
            }
            lineStarted = true;
            if (width != 0 && spec.AlignRight)
            {
                var pad = width - token.Length - printed;
                if (pad > 0)
                {
                    EmitSpaces(pad);
                    printed += pad;
                }
            }
            Emit(token);
            printed += token.Length;
            if (width != 0 && !spec.AlignRight)
            {
                var pad = width - printed;
                if (pad > 0)
                {
                    EmitSpaces(pad);
                }
            }
            do
            {
                if (column == ColumnSpec.Count - 1)
                {
                    Emit((byte)'\n');
                    column = 0;
                    lineStarted = false;
                }
                else
                {
                    column++;
                }
            }
            while (_disabled[column]);
        }
        if (lineStarted)
        {
            Emit((byte)'\n');
        }
        FlushRender();

        _textLength = 0;
        _tokenCount = 0;
        _tokenStart = 0;
        _hasBuffer = false;
        _chunks = 0;
        _current = 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_text);
        ArrayPool<int>.Shared.Return(_tokenEnds);
        ArrayPool<byte>.Shared.Return(_render);
        _text = [];
        _tokenEnds = [];
        _render = [];
    }

    private void EnsureBuffer()
    {
        if (_hasBuffer)
        {
            return;
        }
        _hasBuffer = true;
        _chunks = 1;
        _chunkUsed = LengthPrefix;
        _tokenChunkStart = LengthPrefix;
        _tokenMoved = false;
    }

    /// <summary>
    /// Accounts for the bytes written into the current token: ss moves a token that does not fit its chunk's tail
    /// room (a write needs one spare byte for the NUL) to a new chunk. Idempotent.
    /// </summary>
    private void Settle()
    {
        if (!_hasBuffer)
        {
            return;
        }
        var length = _textLength - _tokenStart;
        if (length > ushort.MaxValue)
        {
            // ss caps a field at 64 KiB.
            _textLength = _tokenStart + ushort.MaxValue;
            length = ushort.MaxValue;
        }
        if (!_tokenMoved && length > 0 && length >= ChunkCapacity - _tokenChunkStart)
        {
            _chunks++;
            _tokenChunkStart = LengthPrefix;
            _tokenMoved = true;
        }
        _chunkUsed = _tokenChunkStart + length;
    }

    private void Flush()
    {
        if (_disabled[_current])
        {
            return;
        }
        EnsureBuffer();
        var length = _textLength - _tokenStart;
        if (length > _maxLength[_current])
        {
            _maxLength[_current] = length;
        }
        AddTokenEnd();

        var pad = length % 2;
        if (ChunkCapacity - _chunkUsed - pad < LengthPrefix)
        {
            _chunks++;
            _chunkUsed = LengthPrefix;
        }
        else
        {
            _chunkUsed += pad + LengthPrefix;
        }
        _tokenChunkStart = _chunkUsed;
        _tokenMoved = false;
    }

    private void AddTokenEnd()
    {
        _tokenEnds[_tokenCount++] = _textLength;
        if (_tokenCount == _tokenEnds.Length)
        {
            var bigger = ArrayPool<int>.Shared.Rent(_tokenEnds.Length * 2);
            _tokenEnds.AsSpan().CopyTo(bigger);
            ArrayPool<int>.Shared.Return(_tokenEnds);
            _tokenEnds = bigger;
        }
        _tokenStart = _textLength;
    }

    private void CalculateWidths()
    {
        var screen = _screenWidth ?? int.MaxValue;
        var first = true;
        for (var c = 0; c < ColumnSpec.Count; c++)
        {
            if (_disabled[c])
            {
                _width[c] = 0;
                continue;
            }
            var width = !first && _maxLength[c] != 0 ? _maxLength[c] + ColumnSpec.All[c].LeftDelimiter.Length : _maxLength[c];
            _width[c] = Math.Min(width, screen);
            if (_width[c] != 0)
            {
                first = false;
            }
        }
        if (_screenWidth is null)
        {
            return;
        }

        // Share the spare screen width out evenly over the columns of each visual line.
        int length = 0, lineColumns = 0, endOfLine = -1;
        for (var c = 0; c < ColumnSpec.Count; c++)
        {
            if (_width[c] == 0)
            {
                continue;
            }
            lineColumns++;
            length += _width[c];
            var last = true;
            for (var next = c + 1; next < ColumnSpec.Count; next++)
            {
                if (_width[next] != 0)
                {
                    last = false;
                    break;
                }
            }
            if (!last && length < screen)
            {
                continue;
            }
            if (length != screen)
            {
                if (length > screen)
                {
                    length -= _width[c];
                    c--;
                    lineColumns--;
                }
                var spare = screen - length;
                var spacing = lineColumns == 0 ? 0 : spare / lineColumns;
                var remainder = lineColumns == 0 ? 0 : spare % lineColumns;
                for (var t = c; t > endOfLine; t--)
                {
                    if (_width[t] == 0)
                    {
                        continue;
                    }
                    _width[t] += spacing;
                    if (remainder > 0)
                    {
                        _width[t]++;
                        remainder--;
                    }
                }
            }
            endOfLine = c;
            length = 0;
            lineColumns = 0;
        }
    }

    private void Grow(int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_text.Length * 2, _textLength + size));
        _text.AsSpan(0, _textLength).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_text);
        _text = bigger;
    }

    private void Emit(byte b)
    {
        if (_renderLength == _render.Length)
        {
            FlushRender();
        }
        _render[_renderLength++] = b;
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        if (_render.Length - _renderLength < bytes.Length)
        {
            FlushRender();
            if (bytes.Length > _render.Length)
            {
                _output.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(_render.AsSpan(_renderLength));
        _renderLength += bytes.Length;
    }

    private void EmitSpaces(int count)
    {
        while (count > 0)
        {
            if (_renderLength == _render.Length)
            {
                FlushRender();
            }
            var n = Math.Min(count, _render.Length - _renderLength);
            _render.AsSpan(_renderLength, n).Fill((byte)' ');
            _renderLength += n;
            count -= n;
        }
    }

    private void FlushRender()
    {
        _output.Write(_render, 0, _renderLength);
        _renderLength = 0;
    }
}
