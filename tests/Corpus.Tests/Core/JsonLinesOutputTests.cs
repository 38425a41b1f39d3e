using Corpus.Core.Jsonl;
using Xunit;

namespace Corpus.Tests.Core;

public class JsonLinesOutputTests
{
    [Theory]
    [InlineData("/dev/null", true)]
    [InlineData("/dev/stdout", true)]
    [InlineData("/proc/self/fd/1", true)]
    [InlineData("/tmp/out.jsonl", false)]
    [InlineData("/home/dev/out.jsonl", false)]
    [InlineData("/devices.jsonl", false)]
    public void Devices_and_process_streams_are_written_in_place(string path, bool inPlace)
    {
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal(inPlace, JsonLinesOutput.WritesInPlace(path));
    }

    [Fact]
    public async Task Writing_to_dev_null_leaves_it_a_device()
    {
        if (!OperatingSystem.IsLinux()) return;
        await using (var output = JsonLinesOutput.Open("/dev/null"))
        {
            await output.Writer.WriteLineAsync("{\"id\":\"a\"}");
            output.Commit();
        }
        // A file renamed over /dev/null would hold the line; the device reads empty.
        Assert.Equal("", await File.ReadAllTextAsync("/dev/null"));
        Assert.Empty(Directory.GetFiles("/dev", ".null.tmp-*"));
    }

    [Fact]
    public async Task A_file_appears_only_on_commit()
    {
        var folder = Directory.CreateTempSubdirectory("corpus-jsonl-").FullName;
        var path = Path.Combine(folder, "out.jsonl");
        try
        {
            await using (var output = JsonLinesOutput.Open(path))
            {
                await output.Writer.WriteLineAsync("{\"id\":\"a\"}");
                Assert.False(File.Exists(path));
                output.Commit();
            }
            Assert.Equal("{\"id\":\"a\"}\n", await File.ReadAllTextAsync(path));
            Assert.Single(Directory.GetFiles(folder));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
