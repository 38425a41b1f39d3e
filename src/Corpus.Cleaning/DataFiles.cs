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
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Corpus.Cleaning.Data.{name}")
            ?? throw new InvalidOperationException($"{name} is not embedded");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length == 0 || line[0] == '#') continue;
            var cols = line.Split('\t');
            if (cols.Length != columns) throw new FormatException($"{name}: expected {columns} tab-separated columns in '{line}'");
            yield return (cols, line);
        }
    }
}
