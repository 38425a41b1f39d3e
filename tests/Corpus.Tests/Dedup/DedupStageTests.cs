using Corpus.Core.Documents;
using Corpus.Core.Text;
using Corpus.Dedup;

namespace Corpus.Tests.Dedup;

/// <summary>
/// The build's dedup stage on documents: the same staged code, applied to the record that flows. The build counts a
/// shortened text again after this (<c>SampleBuildTests</c> checks the published counts).
/// </summary>
public sealed class DedupStageTests
{
    private const string Footer = "Ikuti terus berita terkini Kabar Nusantara melalui kanal WhatsApp dan aplikasi kami.";

    private static Document Article(int i, string text, string host = "kabarnusantara.test", DateTimeOffset? published = null) => new()
    {
        Id = $"id{i:D2}", Url = $"http://{host}/{i}.html", SourceUrl = $"http://{host}/{i}.html", Domain = host,
        FetchedAt = DateTimeOffset.UnixEpoch, Text = text, Published = published, WordCount = WordCounter.Count(text), CharCount = text.Length,
    };

    /// <summary>What the build does with its kept documents: dedup them in order, apply each verdict to its document.</summary>
    private static List<Document> Process(IReadOnlyList<Document> docs, DedupOptions options)
    {
        var (verdicts, _) = DedupRunner.RunInMemory(docs.Select((d, i) => DedupStage.InputOf(d, i)).ToList(), options);
        return docs.Select((d, i) => DedupStage.Apply(d, verdicts[i])).ToList();
    }

    [Fact]
    public void Removes_the_sites_closing_line_from_every_article_and_marks_copies()
    {
        var docs = Enumerable.Range(0, 8).Select(i => Article(i, JsonlCorpus.Article(100 + i) + "\n" + Footer, published: DateTimeOffset.UnixEpoch.AddDays(i))).ToList();
        docs.Add(Article(8, docs[2].Text.Replace("\n" + Footer, "", StringComparison.Ordinal) + "\nArtikel ini telah tayang di mitra kami.", published: DateTimeOffset.UnixEpoch.AddDays(30)));

        var result = Process(docs, new DedupOptions());

        Assert.Equal(docs.Count, result.Count);
        foreach (var d in result.Take(8))
        {
            Assert.DoesNotContain("Ikuti terus", d.Text);
            Assert.Equal(1, d.RepeatedLinesRemoved);
        }
        var copy = result[8];
        Assert.Equal(Disposition.Duplicate, copy.Disposition);
        Assert.Equal("id02", copy.DuplicateOf);
        Assert.Equal("id02", copy.DupCluster);
        Assert.Equal(2, result[2].DupClusterSize);
        Assert.Equal("id02", result[2].DupCluster);
        Assert.All(result.Where((_, i) => i != 2 && i != 8), d => Assert.Null(d.DupCluster));
    }

    [Fact]
    public void With_everything_switched_off_nothing_changes()
    {
        var docs = Enumerable.Range(0, 6).Select(i => Article(i, JsonlCorpus.Article(1) + "\n" + Footer)).ToList();
        var result = Process(docs, new DedupOptions(Exact: false, Near: false, RepeatedLines: false));
        Assert.All(result, d => Assert.True(d.IsKept && d.RepeatedLinesRemoved == 0 && d.Text.EndsWith(Footer, StringComparison.Ordinal)));
    }
}
