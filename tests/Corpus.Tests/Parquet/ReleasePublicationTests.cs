using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Parquet.Release;
using Corpus.Tests.Support;

namespace Corpus.Tests.Parquet;

/// <summary>Publication is atomic and immutable; the manifest says what went in and what came out.</summary>
public sealed class ReleasePublicationTests
{
    [Fact]
    public async Task A_build_that_dies_mid_write_leaves_no_release_and_no_temporary_folder()
    {
        using var dir = new TempDir();
        var good = SyntheticRelease.Build(30);
        IEnumerable<Document> Dying()
        {
            foreach (var (d, i) in good.Documents.Select((d, i) => (d, i)))
            {
                if (i == 20) throw new IOException("disk pulled out");
                yield return d;
            }
        }
        var broken = new BuildResult(new LazyList(Dying), good.Report);
        var writer = new ReleaseWriter(SyntheticRelease.Recipe(), dir.Path, "0.1.0");

        await Assert.ThrowsAsync<IOException>(() => writer.WriteAsync(broken));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task A_published_version_is_never_overwritten()
    {
        using var dir = new TempDir();
        var release = await SyntheticRelease.WriteAsync(dir.Path, SyntheticRelease.Build(10));
        var before = File.ReadAllBytes(Path.Combine(release, "manifest.json"));

        var e = await Assert.ThrowsAsync<ReleaseExistsException>(() => SyntheticRelease.WriteAsync(dir.Path, SyntheticRelease.Build(12)));
        Assert.Contains("already exists", e.Message);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(release, "manifest.json")));
    }

    [Fact]
    public async Task The_manifest_lists_inputs_counts_files_and_row_groups()
    {
        using var dir = new TempDir();
        var release = await SyntheticRelease.WriteAsync(dir.Path, SyntheticRelease.Build(30, excluded: 3));
        var m = ReleaseManifest.Read(Path.Combine(release, "manifest.json"));

        Assert.Equal(30, m.Inputs.Pages);
        Assert.Matches("^[0-9a-f]{64}$", m.Inputs.CrawlSummarySha256);
        Assert.Equal(27, m.Counts.Language.Values.Sum());
        Assert.Equal(DuckDb.Query($"SELECT language, count(*) AS n FROM {DuckDb.Lit(Path.Combine(release, "data", "*.parquet"))} GROUP BY 1")
            .ToDictionary(r => (string)r["language"]!, r => Convert.ToInt64(r["n"])), m.Counts.Language);
        Assert.Equal(27, m.Counts.Topic.Values.Sum());
        Assert.Equal(27, m.Counts.Domain["kabar.test"]);
        Assert.Equal(27, m.Counts.WordCount.Values.Sum());
        Assert.All(m.Files, f => Assert.True(f.RowGroups >= 1));
        Assert.DoesNotContain(m.OtherFiles, f => f.Path == "CHANGELOG.md"); // the first release has nothing to compare with
        Assert.Contains(m.OtherFiles, f => f.Path == "README.md");
        Assert.Contains(m.OtherFiles, f => f.Path == "corpus.yaml" && f.Sha256 == m.RecipeSha256);
        Assert.Null(m.Predecessor);
    }

    /// <summary>A list whose enumeration runs the given iterator, so a failure happens while the writer streams.</summary>
    private sealed class LazyList(Func<IEnumerable<Document>> items) : IReadOnlyList<Document>
    {
        public Document this[int index] => items().ElementAt(index);
        public int Count => items().Count();
        public IEnumerator<Document> GetEnumerator() => items().GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
