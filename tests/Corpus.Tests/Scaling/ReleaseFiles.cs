namespace Corpus.Tests.Scaling;

/// <summary>Byte-for-byte comparison of two release folders (<c>diff -r</c>), naming the first differing line of a text file.</summary>
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
        {
            var (a, b) = (Path.Combine(expected, file), Path.Combine(actual, file));
            if (File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b))) continue;
            var first = file.EndsWith(".parquet", StringComparison.Ordinal) ? "" : FirstDifference(File.ReadAllLines(a), File.ReadAllLines(b));
            Assert.Fail($"{file} differs between {expected} and {actual}{first}");
        }
    }

    private static string FirstDifference(string[] a, string[] b)
    {
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var (x, y) = (i < a.Length ? a[i] : "(end)", i < b.Length ? b[i] : "(end)");
            if (x != y) return $"; line {i + 1}:\n  expected: {x}\n  actual:   {y}";
        }
        return "";
    }
}
