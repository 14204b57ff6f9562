using System.Text;
using SsNotebook.CommandLine;

namespace SsNotebook.Core.Tests.CommandLine;

public sealed class DescriptorStreamTests
{
    [Fact]
    public void WritesAdvanceTheSharedOffsetSoLaterWritersAppend()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite))
            {
                var fd = (int)file.SafeFileHandle.DangerousGetHandle();
                using (var first = new DescriptorStream(fd, FileAccess.Write))
                {
                    first.Write("State\n"u8);
                }
                using var second = new DescriptorStream(fd, FileAccess.Write);
                second.Write("LISTEN\n"u8);
            }
            Assert.Equal("State\nLISTEN\n", File.ReadAllText(path, Encoding.UTF8));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadsUntilEndOfFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "sport = :22\n");
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
            using var reader = new StreamReader(new DescriptorStream((int)file.SafeFileHandle.DangerousGetHandle(), FileAccess.Read));
            Assert.Equal("sport = :22\n", reader.ReadToEnd());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
