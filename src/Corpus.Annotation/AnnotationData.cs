using System.Reflection;

namespace Corpus.Annotation;

/// <summary>
/// The stage's knowledge kept as data (<c>Data/*.tsv</c>, embedded): topic labels, the section dictionary, keyword
/// priors, country domains. Lines starting with <c>#</c> and blank lines are skipped; fields are tab-separated.
/// </summary>
public static class AnnotationData
{
    public static readonly string[] Files =
        ["iptc-media-topics.tsv", "topic-sections.tsv", "topic-keywords.tsv", "country-domains.tsv", "confusable-languages.tsv", "language-markers.tsv"];

    public static IEnumerable<(int Line, string[] Fields)> ReadTsv(string file) =>
        Corpus.Core.Data.EmbeddedTable.Rows(Assembly.GetExecutingAssembly(), $"Corpus.Annotation.Data.{file}");

    /// <summary>Fails with the file and line when a row has fewer fields than it needs.</summary>
    public static string[] Need(string file, int line, string[] fields, int count) =>
        fields.Length >= count ? fields
            : throw new InvalidDataException($"{file} line {line}: expected {count} tab-separated fields, found {fields.Length}.");
}
