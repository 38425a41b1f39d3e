using System.Reflection;

namespace Corpus.Cleaning;

/// <summary>The stage's tables under <c>Data/</c>, embedded in the assembly: tab-separated rows, '#' comments.</summary>
public static class DataFiles
{
    public static IEnumerable<string> Names =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.StartsWith("Corpus.Cleaning.Data.", StringComparison.Ordinal))
            .Select(n => n["Corpus.Cleaning.Data.".Length..]);

    public static IEnumerable<(string[] Cols, string Line)> Rows(string name, int columns)
    {
        foreach (var (number, cols) in Corpus.Core.Data.EmbeddedTable.Rows(Assembly.GetExecutingAssembly(), $"Corpus.Cleaning.Data.{name}"))
        {
            var line = string.Join('\t', cols);
            if (cols.Length != columns) throw new FormatException($"{name} line {number}: expected {columns} tab-separated columns in '{line}'");
            yield return (cols, line);
        }
    }
}
