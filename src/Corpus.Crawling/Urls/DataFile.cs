using Corpus.Core.Data;

namespace Corpus.Crawling.Urls;

/// <summary>Reads the crawler's embedded data files: one entry a line, <c>#</c> comments and blank lines skipped.</summary>
public static class DataFile
{
    public static IReadOnlyList<string> Lines(string name)
    {
        var assembly = typeof(DataFile).Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"embedded data file {name} is missing");
        return EmbeddedTable.Rows(assembly, resource).Select(r => string.Join('\t', r.Fields).Trim()).ToList();
    }
}
