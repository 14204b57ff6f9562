namespace SsNotebook.Recording;

/// <summary>Writes the chunks of a recording body (see <see cref="RecordingFormat"/>).</summary>
internal static class RecordingSerializer
{
    /// <summary>Writes the body; <paramref name="endOfPart"/> is called after the header part and after each sample
    /// (where a compressor may start afresh).</summary>
    public static void Write(Stream output, SsRecording recording, Action endOfPart)
    {
        var writer = new ChunkWriter(output);
        var header = recording.Header;
        writer.Begin();
        writer.String(header.Tool);
        writer.String(header.Host);
        writer.String(header.KernelRelease);
        writer.I64(header.Created.ToUnixTimeMilliseconds());
        writer.U32((uint)header.Arguments.Count);
        foreach (var argument in header.Arguments)
        {
            writer.String(argument);
        }
        writer.End(ChunkKind.Header);
        if (recording.Naming is { } naming)
        {
            writer.Begin();
            WriteOptional(writer, naming.Services);
            WriteOptional(writer, naming.Protocols);
            WriteOptional(writer, naming.PortRange);
            WriteOptional(writer, naming.Interfaces);
            writer.End(ChunkKind.Naming);
            if (naming.Cgroups is { } cgroups)
            {
                writer.Begin();
                writer.U8(cgroups.MountFound ? (byte)1 : (byte)0);
                writer.U32((uint)cgroups.Paths.Count);
                foreach (var (id, path) in cgroups.Paths)
                {
                    writer.U64(id);
                    writer.String(path);
                }
                writer.End(ChunkKind.Cgroups);
            }
        }

        endOfPart();
        foreach (var sample in recording.Samples)
        {
            WriteSample(writer, sample);
            endOfPart();
        }
        writer.Begin();
        writer.U32((uint)recording.Samples.Count);
        writer.End(ChunkKind.End);
    }

    private static void WriteOptional(ChunkWriter writer, string? value)
    {
        writer.U8(value is null ? (byte)0 : (byte)1);
        if (value is not null)
        {
            writer.String(value);
        }
    }

    private static void WriteSample(ChunkWriter writer, RecordedSample sample)
    {
        writer.Begin();
        writer.I64(sample.Timestamp.UtcTicks);
        writer.U8(sample.Holders is null ? (byte)0 : (byte)1);
        writer.End(ChunkKind.SampleBegin);
        foreach (var reply in sample.Replies)
        {
            writer.Begin();
            writer.U8((byte)reply.Table);
            writer.U8(reply.Family);
            writer.Bytes(reply.Buffer);
            writer.End(ChunkKind.Reply);
        }
        foreach (var record in sample.ProcRecords)
        {
            writer.Begin();
            ProcRecordCodec.Write(writer, record);
            writer.End(ChunkKind.ProcRecord);
        }
        foreach (var holder in sample.Holders ?? [])
        {
            writer.Begin();
            writer.U32(holder.Inode);
            writer.I32(holder.User.Pid);
            writer.I32(holder.User.Fd);
            writer.I32(holder.User.Tid);
            writer.String(holder.User.Command);
            writer.End(ChunkKind.Holder);
        }
        foreach (var diagnostic in sample.Diagnostics)
        {
            writer.Begin();
            writer.String(diagnostic);
            writer.End(ChunkKind.Diagnostic);
        }
        writer.Begin();
        writer.End(ChunkKind.SampleEnd);
    }
}
