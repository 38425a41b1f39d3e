using System.Text;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Pipeline;
using Corpus.Pipeline.Steps;
using Corpus.Tests.Support;

namespace Corpus.Tests.Scaling;

/// <summary>
/// The process step's sort: documents arrive in page order, leave as id-range files in build order. Whether the
/// buffer spills sorted runs to disk (a big task) or never fills (a small one), each range file is the one
/// <see cref="DocumentParts.Write"/> gives for that range's documents sorted in memory.
/// </summary>
public sealed class RangeRunsTests
{
    private static List<Document> Documents()
    {
        var random = new Random(7);
        return Enumerable.Range(0, 300).Select(i =>
        {
            var url = $"https://example.test/news/{i}";
            var d = new Document
            {
                Id = DocumentId.FromUrl(url), Url = url, SourceUrl = i % 50 == 0 ? url + "?copy" : url, Domain = "example.test",
                FetchedAt = new DateTimeOffset(2026, 11, 30, 1, 2, 3, TimeSpan.Zero).AddSeconds(i),
                Text = string.Join('\n', Enumerable.Range(0, random.Next(1, 40)).Select(l => $"Baris {l} berita {i} — ünïcödé")),
                WordCount = i, Language = "id",
            };
            return (i % 7) switch { 0 => d.Exclude("min_words", "3"), 1 => d.Fail("extract: boom"), _ => d };
        }).ToList();
    }

    [Theory]
    [InlineData(1, 1L << 30)]
    [InlineData(3, 1L << 30)]
    [InlineData(3, 4096)]
    [InlineData(4, 1)]
    public void Range_files_are_the_ranges_documents_in_build_order_whether_or_not_runs_spill(int ranges, long spillBytes)
    {
        using var dir = new TempDir();
        var documents = Documents();
        var runs = new RangeRuns(dir.Path, ranges, spillBytes);
        foreach (var d in documents) runs.Add(PartLine.Of(d, ranges));
        var spilled = runs.Runs;
        var kept = runs.Finish(r => Path.Combine(dir.Path, $"range-{r}.jsonl"), () => { });

        Assert.Equal(spillBytes < 1L << 20, spilled > 0);
        for (var r = 0; r < ranges; r++)
        {
            var expected = documents.Where(d => DocumentParts.RangeOf(d.Id, ranges) == r).Order(BuildOrder.Comparer).ToList();
            var reference = Path.Combine(dir.Path, $"reference-{r}.jsonl");
            DocumentParts.Write(reference, expected);
            Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(Path.Combine(dir.Path, $"range-{r}.jsonl")));
            Assert.Equal(expected.Count(d => d.IsKept), kept[r]);
        }
        Assert.Equal(documents.Count(d => d.IsKept), kept.Sum());
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "runs")));
    }

    [Fact]
    public void A_part_line_is_the_utf8_of_the_documents_json_line()
    {
        var d = Documents()[3];
        Assert.Equal(Encoding.UTF8.GetBytes(DocumentParts.ToLine(d)), PartLine.Of(d, 2).Utf8);
    }
}
