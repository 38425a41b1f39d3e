using System.Reflection;

namespace Corpus.Core.Data;

/// <summary>
/// Each stage keeps its rules, phrases and maps in <c>Data/</c> files embedded in its assembly. This reads them the
/// same way everywhere: blank lines and lines starting with <c>#</c> are skipped, fields are tab-separated.
/// </summary>
public static class EmbeddedTable
{
    /// <summary>Opens an embedded file by its manifest resource name, or fails naming it.</summary>
    public static TextReader Open(Assembly assembly, string resourceName)
    {
        var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded data file '{resourceName}' is missing from {assembly.GetName().Name}.");
        return new StreamReader(stream);
    }

    /// <summary>The data rows with their 1-based line numbers.</summary>
    public static IReadOnlyList<(int Line, string[] Fields)> Rows(Assembly assembly, string resourceName)
    {
        using var reader = Open(assembly, resourceName);
        var rows = new List<(int, string[])>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var text = line.TrimEnd('\r');
            if (text.Trim().Length == 0 || text.TrimStart().StartsWith('#')) continue;
            rows.Add((number, text.Split('\t')));
        }
        return rows;
    }

    /// <summary>The data files embedded under <paramref name="prefix"/> (e.g. <c>Corpus.Text.Data.</c>), by their file names.</summary>
    public static IEnumerable<string> Names(Assembly assembly, string prefix) =>
        assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Select(n => n[prefix.Length..]);

    /// <summary>The rows of a table whose every row has exactly <paramref name="columns"/> fields, or fails naming the line.</summary>
    public static IEnumerable<(string[] Cols, string Line)> FixedRows(Assembly assembly, string prefix, string name, int columns)
    {
        foreach (var (number, cols) in Rows(assembly, prefix + name))
        {
            var line = string.Join('\t', cols);
            if (cols.Length != columns) throw new FormatException($"{name} line {number}: expected {columns} tab-separated columns in '{line}'");
            yield return (cols, line);
        }
    }
}
