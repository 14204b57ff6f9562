namespace SsNotebook.Diag;

/// <summary>
/// Holds the inet_diag payloads of one dump as raw bytes until the dump has completed, so that an interrupted dump
/// can be forgotten whole (nothing reaches the output twice) and so that records are parsed later, one at a time,
/// into a reused <see cref="Sockets.SocketRecord"/>. Raw replies take a third of the memory parsed records would.
/// Each payload keeps its address modulo 8 (its offset in the received datagram, whose buffer is 8-aligned): libbpf's
/// printing of BPF storage values depends on their alignment in ss's receive buffer (<see cref="Bpf.BtfDumpOptions"/>).
/// </summary>
internal sealed class PayloadBuffer(ulong familyMask, IDumpObserver? observer, Sockets.SocketTable table, byte family)
    : INetlinkDumpHandler, IDisposable
{
    private const int ChunkBytes = 1 << 20;

    private readonly List<byte[]> _chunks = [];
    private readonly List<int> _ends = [];
    private int _used;

    public void OnMessage(in NetlinkMessage message)
    {
        var payload = message.Payload;
        if (!InetDiag.IsWantedFamily(payload, familyMask))
        {
            return;
        }
        // Record: payload length, padding length, the padding, the payload.
        var needed = payload.Length + (2 * sizeof(int)) + 7;
        if (_chunks.Count == 0 || _chunks[^1].Length - _used < needed)
        {
            if (_chunks.Count > 0)
            {
                _ends.Add(_used);
            }
            _chunks.Add(ArrayPool<byte>.Shared.Rent(Math.Max(ChunkBytes, needed)));
            _used = 0;
        }
        var chunk = _chunks[^1];
        var start = _used + (2 * sizeof(int));
        var padding = (AddressResidue(payload) - AddressResidue(chunk.AsSpan(start)) + 8) % 8;
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(_used), payload.Length);
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(_used + sizeof(int)), padding);
        payload.CopyTo(chunk.AsSpan(start + padding));
        _used = start + padding + payload.Length;
    }

    public void OnRestart()
    {
        Dispose();
        observer?.OnRestart(table, family);
    }

    public void OnBuffer(ReadOnlySpan<byte> buffer) => observer?.OnReply(table, family, buffer);

    /// <summary>Calls <paramref name="each"/> with every payload in arrival order.</summary>
    public void ForEach<TState>(TState state, PayloadAction<TState> each)
    {
        for (var i = 0; i < _chunks.Count; i++)
        {
            var chunk = _chunks[i];
            var end = i < _ends.Count ? _ends[i] : _used;
            var offset = 0;
            while (offset < end)
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(chunk.AsSpan(offset));
                var padding = BinaryPrimitives.ReadInt32LittleEndian(chunk.AsSpan(offset + sizeof(int)));
                offset += (2 * sizeof(int)) + padding;
                each(state, chunk.AsSpan(offset, length));
                offset += length;
            }
        }
    }

    /// <summary>Where <paramref name="bytes"/> starts, modulo 8. Managed arrays start 8-aligned and the GC moves
    /// them by multiples of 8, so for a span of an array this is its offset in the array, modulo 8.</summary>
    public static unsafe int AddressResidue(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* pointer = bytes)
        {
            return (int)((nuint)pointer % 8);
        }
    }

    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        _chunks.Clear();
        _ends.Clear();
        _used = 0;
    }
}

internal delegate void PayloadAction<TState>(TState state, ReadOnlySpan<byte> payload);
