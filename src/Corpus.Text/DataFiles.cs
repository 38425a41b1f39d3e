using System.Reflection;

namespace Corpus.Text;

/// <summary>The shared text tables under <c>Data/</c>, embedded in the assembly: tab-separated rows, '#' comments.</summary>
public static class DataFiles
{
    public static IEnumerable<string> Names =>
        Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.StartsWith("Corpus.Text.Data.", StringComparison.Ordinal))
            .Select(n => n["Corpus.Text.Data.".Length..]);

    public static IEnumerable<(string[] Cols, string Line)> Rows(string name, int columns)
    {
        foreach (var (number, cols) in Corpus.Core.Data.EmbeddedTable.Rows(Assembly.GetExecutingAssembly(), $"Corpus.Text.Data.{name}"))
        {
            var line = string.Join('\t', cols);
            if (cols.Length != columns) throw new FormatException($"{name} line {number}: expected {columns} tab-separated columns in '{line}'");
            yield return (cols, line);
        }
    }
}
