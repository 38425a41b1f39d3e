using System.Globalization;

namespace Corpus.Cleaning.Quality;

/// <summary>A default threshold and where it comes from.</summary>
public sealed record QualityDefault(string Key, string Value, string Source);

/// <summary>The published defaults of every quality threshold, with their sources (<c>Data/quality-defaults.tsv</c>).</summary>
public static class QualityDefaults
{
    public static IReadOnlyDictionary<string, QualityDefault> All { get; } =
        DataFiles.Rows("quality-defaults.tsv", 3).ToDictionary(r => r.Cols[0], r => new QualityDefault(r.Cols[0], r.Cols[1], r.Cols[2]), StringComparer.Ordinal);

    /// <summary>The recipe's value when it set one, else the published default.</summary>
    public static double Number(string key, double? recipe) =>
        recipe ?? double.Parse(Get(key).Value, CultureInfo.InvariantCulture);

    public static bool Flag(string key, bool? recipe) => recipe ?? bool.Parse(Get(key).Value);

    private static QualityDefault Get(string key) =>
        All.TryGetValue(key, out var d) ? d : throw new InvalidOperationException($"quality-defaults.tsv has no '{key}'");
}
