using Corpus.Core;

namespace Corpus.Cleaning.Promos.Evaluation;

/// <summary>One labelled block or line: <c>promo</c> must be removed, <c>body</c> must stay verbatim.</summary>
public sealed record PromoLabel(string Item, bool IsPromo, string Text);

/// <summary>
/// The labelled promo dev set: pages (<c>pages/*.html</c>), plain-text items (<c>plain/*.txt</c>) and the sidecar
/// <c>labels.tsv</c> that the extractor never sees.
/// </summary>
public sealed class PromoDevSet
{
    public string Directory { get; }
    public IReadOnlyList<PromoLabel> Labels { get; }

    private PromoDevSet(string directory, IReadOnlyList<PromoLabel> labels) => (Directory, Labels) = (directory, labels);

    public IEnumerable<IGrouping<string, PromoLabel>> Pages => Labels.Where(l => l.Item.StartsWith("pages/", StringComparison.Ordinal)).GroupBy(l => l.Item);
    public IEnumerable<IGrouping<string, PromoLabel>> PlainItems => Labels.Where(l => l.Item.StartsWith("plain/", StringComparison.Ordinal)).GroupBy(l => l.Item);

    public string PathOf(string item) => Path.Combine(Directory, item);

    public static PromoDevSet Load(string directory)
    {
        var labelsPath = Path.Combine(directory, "labels.tsv");
        if (!File.Exists(labelsPath))
            throw new CorpusUserException($"'{directory}' is not a promo dev set: it has no labels.tsv.");
        var labels = new List<PromoLabel>();
        var number = 0;
        foreach (var line in File.ReadLines(labelsPath))
        {
            number++;
            if (line.Length == 0 || line[0] == '#') continue;
            var cols = line.Split('\t');
            if (cols.Length != 3 || cols[1] is not ("promo" or "body"))
                throw new CorpusUserException($"{labelsPath} line {number}: expected item<TAB>promo|body<TAB>text.");
            if (!File.Exists(Path.Combine(directory, cols[0])))
                throw new CorpusUserException($"{labelsPath} line {number}: '{cols[0]}' does not exist.");
            labels.Add(new PromoLabel(cols[0], cols[1] == "promo", cols[2]));
        }
        return new PromoDevSet(directory, labels);
    }
}
