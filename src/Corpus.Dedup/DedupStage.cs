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
        var inputs = documents.Select((d, i) => new DedupInput(i, d.Id, d.Text, d.Url, d.Domain, d.Published)).ToList();
        var (verdicts, summary) = DedupRunner.RunInMemory(inputs, options);
        LastSummary = summary;
        var result = new Document[documents.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var d = documents[i];
            var v = verdicts[i];
            if (v.LinesRemoved > 0)
                d = d with { Text = v.Text, RepeatedLinesRemoved = v.LinesRemoved, CharCount = v.Text.Length, WordCount = WordCounter.Count(v.Text) };
            d = d with { DupCluster = v.Cluster, DupClusterSize = v.ClusterSize };
            result[i] = v.DuplicateOf is { } keeper ? d.MarkDuplicateOf(keeper) : d;
        }
        return result;
    }
}
