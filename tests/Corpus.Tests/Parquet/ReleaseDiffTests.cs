using Corpus.Parquet.Release;
using Corpus.Tests.Support;

namespace Corpus.Tests.Parquet;

/// <summary>The diff between two releases: documents by id and text hash, count changes, and the stored changelog.</summary>
public sealed class ReleaseDiffTests
{
    [Fact]
    public async Task Reports_added_removed_and_changed_documents_and_count_changes()
    {
        using var dir = new TempDir();
        var a = await SyntheticRelease.WriteAsync(dir.Path, SyntheticRelease.Build(Enumerable.Range(0, 10).Select(i => SyntheticRelease.Article(i))));
        var b = await SyntheticRelease.WriteAsync(dir.Path, SyntheticRelease.Build(Enumerable.Range(2, 10).Select(i =>
            i == 5 ? SyntheticRelease.Article(i, text: "Teks baru untuk berita lima.") : SyntheticRelease.Article(i))), "1.1.0");

        var diff = await ReleaseDiff.CompareAsync(a, b);
        string Id(int i) => SyntheticRelease.Article(i).Id;
        Assert.Equal(new[] { Id(10), Id(11) }.Order(StringComparer.Ordinal), diff.Added.Select(x => x.Id));
        Assert.Equal(new[] { Id(0), Id(1) }.Order(StringComparer.Ordinal), diff.Removed.Select(x => x.Id));
        Assert.Equal([Id(5)], diff.Changed.Select(x => x.Id));
        Assert.Equal(7, diff.Unchanged);
        // Languages cycle id, en, ms by index: 0,1 (id, en) left; 10, 11 (en, ms) came.
        Assert.Equal([new CountChange("id", 4, 3), new CountChange("ms", 3, 4)], diff.Counts["language"]);
        Assert.Empty(diff.Counts["domain"]);
        Assert.Empty(diff.SchemaChanges);

        // The newer release stored the same comparison as its changelog, against its predecessor.
        var changelog = await File.ReadAllTextAsync(Path.Combine(b, "CHANGELOG.md"));
        Assert.Equal(diff.ToMarkdown(), changelog);
        Assert.Contains($"- `{Id(5)}` http://kabar.test/berita/00005.html", changelog);
        Assert.Equal("1.0.0", ReleaseManifest.Read(Path.Combine(b, "manifest.json")).Predecessor);

        var cli = await CliRunner.RunAsync("diff", a, b);
        Assert.Equal(0, cli.ExitCode);
        Assert.Contains("documents: +2 added, -2 removed, ~1 changed, 7 unchanged", cli.Output);
        Assert.Contains("language: id 4→3 (-1), ms 3→4 (+1)", cli.Output);
        Assert.Contains("schema: no change", cli.Output);
    }

    [Fact]
    public async Task Names_a_folder_that_is_not_a_release()
    {
        using var dir = new TempDir();
        var a = await SyntheticRelease.WriteAsync(dir.Path, SyntheticRelease.Build(3));
        var cli = await CliRunner.RunAsync("diff", a, Path.Combine(dir.Path, "nope"));
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("nope", cli.Error);
        Assert.Contains("does not exist", cli.Error);
    }
}
