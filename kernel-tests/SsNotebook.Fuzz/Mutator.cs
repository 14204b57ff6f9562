using System.Text;

namespace SsNotebook.Fuzz;

/// <summary>
/// Deterministic mutations for the smoke run (a campaign uses afl-fuzz's own): a fixed seed gives the same inputs on
/// every machine, so a smoke failure reproduces. Besides AFL-style byte edits it splices seeds, inserts dictionary
/// words and repeats a word or a slice thousands of times — the shape of the deep-nesting and length inputs that
/// break recursive parsers and length fields.
/// </summary>
public sealed class Mutator(int seed, IReadOnlyList<byte[]> seeds, IReadOnlyList<string> dictionary)
{
    /// <summary>No mutation grows an input past this: enough for every length limit we have, small enough to stay quick.</summary>
    public const int MaxLength = 1 << 20;

    private static readonly byte[] InterestingBytes = [0, 1, 0x7f, 0x80, 0xff, (byte)'(', (byte)' ', (byte)'\n', 0x10, 0x14];
    private static readonly ushort[] InterestingShorts = [0, 1, 3, 4, 8, 16, 20, 0x7fff, 0x8000, 0xffff, 0x100, 72];
    private static readonly uint[] InterestingInts = [0, 1, 16, 20, 0x7fffffff, 0x80000000, 0xffffffff, 0x10000, 0xfffffff0, 0x40000000];

    private readonly Random _random = new(seed);
    private readonly byte[][] _dictionary = [.. dictionary.Select(Encoding.Latin1.GetBytes)];

    /// <summary>One to four stacked edits of <paramref name="input"/>.</summary>
    public byte[] Mutate(byte[] input)
    {
        var data = new List<byte>(input);
        var edits = 1 + _random.Next(4);
        for (var i = 0; i < edits; i++)
        {
            Edit(data);
        }
        if (data.Count > MaxLength)
        {
            data.RemoveRange(MaxLength, data.Count - MaxLength);
        }
        return [.. data];
    }

    private void Edit(List<byte> data)
    {
        var operation = _random.Next(13);
        if (data.Count == 0 && operation < 6)
        {
            operation = 6;
        }
        switch (operation)
        {
            case 0:
                data[Position(data)] ^= (byte)(1 << _random.Next(8));
                break;
            case 1:
                data[Position(data)] = (byte)_random.Next(256);
                break;
            case 2:
                data[Position(data)] = InterestingBytes[_random.Next(InterestingBytes.Length)];
                break;
            case 3:
                WriteInteger(data, InterestingShorts[_random.Next(InterestingShorts.Length)], 2);
                break;
            case 4:
                WriteInteger(data, InterestingInts[_random.Next(InterestingInts.Length)], 4);
                break;
            case 5:
                var start = Position(data);
                data.RemoveRange(start, _random.Next(Math.Min(data.Count - start, 64) + 1));
                break;
            case 6:
                var random = new byte[1 + _random.Next(16)];
                _random.NextBytes(random);
                data.InsertRange(_random.Next(data.Count + 1), random);
                break;
            case 7:
                Duplicate(data, times: 1 + _random.Next(4));
                break;
            case 8:
                Splice(data);
                break;
            case 9 when _dictionary.Length > 0:
                data.InsertRange(_random.Next(data.Count + 1), _dictionary[_random.Next(_dictionary.Length)]);
                break;
            case 10 when _dictionary.Length > 0:
                // Deep nesting and long lists: one word many times (e.g. "not " × 20000, "(" × 5000).
                var word = _dictionary[_random.Next(_dictionary.Length)];
                var count = Math.Min(RepeatCount(), MaxLength / Math.Max(1, word.Length));
                var repeated = new byte[word.Length * count];
                for (var i = 0; i < count; i++)
                {
                    word.CopyTo(repeated, i * word.Length);
                }
                data.InsertRange(_random.Next(data.Count + 1), repeated);
                break;
            case 11:
                Duplicate(data, RepeatCount());
                break;
            default:
                if (data.Count > 0)
                {
                    var cut = _random.Next(data.Count);
                    data.RemoveRange(cut, data.Count - cut);
                }
                break;
        }
    }

    private int RepeatCount() => _random.Next(4) switch
    {
        0 => 2 + _random.Next(30),
        1 => 100 + _random.Next(1000),
        2 => 5000 + _random.Next(5000),
        _ => 20000 + _random.Next(40000),
    };

    private int Position(List<byte> data) => _random.Next(data.Count);

    private void WriteInteger(List<byte> data, uint value, int size)
    {
        if (data.Count < size)
        {
            return;
        }
        var at = _random.Next(data.Count - size + 1);
        var bigEndian = _random.Next(4) == 0;
        for (var i = 0; i < size; i++)
        {
            var shift = 8 * (bigEndian ? size - 1 - i : i);
            data[at + i] = (byte)(value >> shift);
        }
    }

    private void Duplicate(List<byte> data, int times)
    {
        if (data.Count == 0)
        {
            return;
        }
        var start = Position(data);
        var length = 1 + _random.Next(Math.Min(data.Count - start, 256));
        times = Math.Min(times, MaxLength / length);
        var slice = data.GetRange(start, length);
        var copies = new List<byte>(length * times);
        for (var i = 0; i < times; i++)
        {
            copies.AddRange(slice);
        }
        data.InsertRange(start, copies);
    }

    private void Splice(List<byte> data)
    {
        if (seeds.Count == 0)
        {
            return;
        }
        var other = seeds[_random.Next(seeds.Count)];
        if (other.Length == 0)
        {
            return;
        }
        var from = _random.Next(other.Length);
        var length = 1 + _random.Next(other.Length - from);
        var at = data.Count == 0 ? 0 : _random.Next(data.Count);
        if (_random.Next(2) == 0)
        {
            data.RemoveRange(at, data.Count - at);
        }
        data.InsertRange(at, other.AsSpan(from, length).ToArray());
    }
}
