namespace SsNotebook.CommandLine;

/// <summary>
/// A stream over an inherited descriptor (0, 1, 2) using plain read(2)/write(2). FileStream would use pwrite at
/// its own cached offset on a regular file, so output redirected to a file shared with other commands
/// (<c>(ssn -t; ssn -u) &gt; out</c>) would be overwritten; System.Console's streams, on a terminal, first send
/// keypad-mode escapes. This does neither. The descriptor is not closed on dispose.
/// </summary>
internal sealed unsafe class DescriptorStream(int fd, FileAccess access) : Stream
{
    private const int Eintr = 4;

    public override bool CanRead => access.HasFlag(FileAccess.Read);

    public override bool CanWrite => access.HasFlag(FileAccess.Write);

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            while (true)
            {
                var read = LibC.Read(fd, pointer, (nuint)buffer.Length);
                if (read >= 0)
                {
                    return (int)read;
                }
                var errno = Marshal.GetLastPInvokeError();
                if (errno != Eintr)
                {
                    throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
                }
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            var done = 0;
            while (done < buffer.Length)
            {
                var written = LibC.Write(fd, start + done, (nuint)(buffer.Length - done));
                if (written >= 0)
                {
                    done += (int)written;
                    continue;
                }
                var errno = Marshal.GetLastPInvokeError();
                if (errno != Eintr)
                {
                    // The HResult carries errno so callers can tell EPIPE (32) from real failures.
                    throw new IOException(Marshal.GetPInvokeErrorMessage(errno), errno);
                }
            }
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
