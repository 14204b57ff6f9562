using System.Buffers;
using System.Buffers.Binary;
using SsNotebook.Netlink;

namespace SsNotebook.Diag;

/// <summary>
/// Holds the inet_diag payloads of one dump as raw bytes until the dump has completed, so that an interrupted dump
/// can be forgotten whole (nothing reaches the output twice) and so that records are parsed later, one at a time,
/// into a reused <see cref="Sockets.SocketRecord"/>. Raw replies take a third of the memory parsed records would.
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
        var needed = payload.Length + sizeof(int);
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
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(_used), payload.Length);
        payload.CopyTo(chunk.AsSpan(_used + sizeof(int)));
        _used += needed;
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
                each(state, chunk.AsSpan(offset + sizeof(int), length));
                offset += sizeof(int) + length;
            }
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
