using System.Reflection;
using Corpus.Core.Data;

namespace Corpus.Cleaning;

/// <summary>The stage's tables under <c>Data/</c>, embedded in the assembly: tab-separated rows, '#' comments.</summary>
public static class DataFiles
{
    private const string Prefix = "Corpus.Cleaning.Data.";

    public static IEnumerable<string> Names => EmbeddedTable.Names(Assembly.GetExecutingAssembly(), Prefix);

    public static IEnumerable<(string[] Cols, string Line)> Rows(string name, int columns) =>
        EmbeddedTable.FixedRows(Assembly.GetExecutingAssembly(), Prefix, name, columns);
}
