using System.Numerics;
using System.Runtime.CompilerServices;

namespace SsNotebook.Frames;

/// <summary>
/// One typed column of a known number of rows, filled by row index into a pre-sized value buffer and validity
/// bitmap, then handed to Microsoft.Data.Analysis without a copy (the Arrow-layout constructor). Filling costs a
/// store and a bit per value, where <c>Append</c> or the indexer of a column cost a buffer lookup and a null-count
/// update each, and an enumerable constructor an enumerator call on top. Rows never set are null.
/// </summary>
/// <typeparam name="T">bool, byte, ushort, int, uint, ulong, double or DateTime.</typeparam>
internal sealed class FrameColumnBuilder<T> where T : unmanaged
{
    private readonly byte[] _values;
    private readonly byte[] _validity;

    public FrameColumnBuilder(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _values = new byte[checked(length * Unsafe.SizeOf<T>())];
        _validity = new byte[(length + 7) / 8];
    }

    public int Length { get; }

    /// <summary>Sets row <paramref name="row"/> to <paramref name="value"/> (not null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int row, T value)
    {
        MemoryMarshal.Write(_values.AsSpan(row * Unsafe.SizeOf<T>()), in value);
        _validity[row >> 3] |= (byte)(1 << (row & 7));
    }

    /// <summary>Sets row <paramref name="row"/> to <paramref name="value"/>, or leaves it null when that is null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int row, T? value)
    {
        if (value is { } present)
        {
            Set(row, present);
        }
    }

    /// <summary>The column, of the concrete type Microsoft.Data.Analysis uses for <typeparamref name="T"/>
    /// (UInt32DataFrameColumn for uint, …). The buffer must not be filled further.</summary>
    public DataFrameColumn ToColumn(string name)
    {
        var valid = 0;
        foreach (var bits in _validity)
        {
            valid += BitOperations.PopCount(bits);
        }
        var nulls = Length - valid;
        ReadOnlyMemory<byte> values = _values;
        ReadOnlyMemory<byte> validity = _validity;
        if (typeof(T) == typeof(bool))
        {
            return new BooleanDataFrameColumn(name, values, validity, Length, nulls);
        }
        if (typeof(T) == typeof(byte))
        {
            return new ByteDataFrameColumn(name, values, validity, Length, nulls);
        }
        if (typeof(T) == typeof(ushort))
        {
            return new UInt16DataFrameColumn(name, values, validity, Length, nulls);
        }
        if (typeof(T) == typeof(int))
        {
            return new Int32DataFrameColumn(name, values, validity, Length, nulls);
        }
        if (typeof(T) == typeof(uint))
        {
            return new UInt32DataFrameColumn(name, values, validity, Length, nulls);
        }
        if (typeof(T) == typeof(ulong))
        {
            return new UInt64DataFrameColumn(name, values, validity, Length, nulls);
        }
        if (typeof(T) == typeof(double))
        {
            return new DoubleDataFrameColumn(name, values, validity, Length, nulls);
        }
        return new PrimitiveDataFrameColumn<T>(name, values, validity, Length, nulls);
    }
}

/// <summary>String columns of a known number of rows.</summary>
internal static class StringColumns
{
    /// <summary>A string column holding <paramref name="values"/> (null entries are null cells).</summary>
    /// <remarks>Made at its final length and then filled: built from the sequence, the column grows its list by
    /// doubling, and each large copy is a large-object allocation that can start a full collection over the whole
    /// dump still in memory (twice as slow for a 200,000-row frame of six string columns).</remarks>
    public static StringDataFrameColumn Of(string name, string?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var column = new StringDataFrameColumn(name, values.Length);
        for (var row = 0; row < values.Length; row++)
        {
            if (values[row] is { } value)
            {
                column[row] = value;
            }
        }
        return column;
    }
}
