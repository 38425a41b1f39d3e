namespace Corpus.Tests.Scaling;

/// <summary>Compares two release folders file by file, byte by byte.</summary>
public static class ReleaseFiles
{
    public static IReadOnlyList<string> List(string release) =>
        Directory.GetFiles(release, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(release, f)).Order(StringComparer.Ordinal).ToList();

    public static void AssertIdentical(string expected, string actual, string pattern = "")
    {
        var files = List(expected).Where(f => f.Contains(pattern, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(files);
        Assert.Equal(files, List(actual).Where(f => f.Contains(pattern, StringComparison.Ordinal)).ToList());
        foreach (var file in files)
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))),
                $"{file} differs between {expected} and {actual}");
    }
}
