using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Text;

namespace Corpus.Dedup;

/// <summary>
/// The build's dedup: repeated site lines out of the text, then exact and near duplicates marked with the id of the
/// kept copy. Runs the same staged code as <c>corpus dedup</c>, on the build's kept documents.
/// </summary>
public sealed class DedupStage(DedupOptions options) : ICorpusStage
{
    public string Name => "dedup";

    public DedupSummary? LastSummary { get; private set; }

    public IReadOnlyList<Document> Process(IReadOnlyList<Document> documents)
    {
        var inputs = documents.Select((d, i) => InputOf(d, i)).ToList();
        var (verdicts, summary) = DedupRunner.RunInMemory(inputs, options);
        LastSummary = summary;
        var result = new Document[documents.Count];
        for (var i = 0; i < result.Length; i++) result[i] = Apply(documents[i], verdicts[i]);
        return result;
    }

    /// <summary>A kept document as dedup input; <paramref name="index"/> is its position among all kept documents in build order.</summary>
    public static DedupInput InputOf(Document d, long index) => new(index, d.Id, d.Text, d.Url, d.Domain ?? "", d.Published);

    /// <summary>The document with dedup's verdict applied: repeated lines out of the text, cluster facts, duplicate mark.</summary>
    public static Document Apply(Document d, DedupVerdict v)
    {
        if (v.LinesRemoved > 0)
            d = d with { Text = v.Text, RepeatedLinesRemoved = v.LinesRemoved, CharCount = v.Text.Length, WordCount = WordCounter.Count(v.Text) };
        d = d with { DupCluster = v.Cluster, DupClusterSize = v.ClusterSize };
        return v.DuplicateOf is { } keeper ? d.MarkDuplicateOf(keeper) : d;
    }
}
