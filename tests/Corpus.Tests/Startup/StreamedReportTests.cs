using Corpus.Core.Pipeline;
using Corpus.Parquet.Release;
using Corpus.Reporting;
using Corpus.Tests.Reporting;
using Corpus.Tests.Support;

namespace Corpus.Tests.Startup;

/// <summary>
/// A build's publish step feeds the report's tallies with the documents it publishes, made into rows by the tables'
/// own columns, so the report does not read the shards back: the page must be the one the shards give.
/// </summary>
[Collection(nameof(ReportScanCollection))]
public sealed class StreamedReportTests
{
    [Fact]
    public async Task The_report_from_the_published_documents_is_the_report_read_from_the_shards_without_opening_one()
    {
        using var dir = new TempDir();
        var (build, release, manifest, listed) = await WrittenAsync(dir);

        var setAside = new SetAsideExamples();
        var scan = ReleaseScan.FromDocuments(setAside);
        foreach (var d in build.Documents)
        {
            setAside.Add(d);
            scan.Add(d);
        }
        // Gone from the disk: a page that still comes out can only be the documents' tallies.
        foreach (var shard in manifest.Files) File.Delete(Path.Combine(release, shard.Path));

        Assert.Equal(listed, await ReleaseReport.RenderAsync(release, manifest, setAside, scan));
    }

    [Fact]
    public async Task Documents_that_do_not_add_up_to_the_manifests_rows_are_not_trusted_and_the_shards_are_read()
    {
        using var dir = new TempDir();
        var (build, release, manifest, listed) = await WrittenAsync(dir);

        var setAside = new SetAsideExamples();
        var scan = ReleaseScan.FromDocuments(setAside);
        foreach (var d in build.Documents)
            setAside.Add(d);
        foreach (var d in build.Documents.Where(d => d.IsKept).Skip(1).Concat(build.Documents.Where(d => !d.IsKept)))
            scan.Add(d);

        // One kept document short: the shards are read, and give the listed page...
        Assert.Equal(listed, await ReleaseReport.RenderAsync(release, manifest, setAside, scan));
        // ...and with another release's scan as the process's last one, a missing shard now fails the render.
        var other = await ReportRelease.WriteAsync(dir.Path, ReportRelease.Build(kept: 10), "1.1.0");
        Assert.NotEqual(release, other);
        foreach (var shard in manifest.Files) File.Delete(Path.Combine(release, shard.Path));
        await Assert.ThrowsAnyAsync<IOException>(() => ReleaseReport.RenderAsync(release, manifest, setAside, scan));
    }

    // A release as a build writes it, with its manifest and the report page it lists.
    private static async Task<(BuildResult Build, string Release, ReleaseManifest Manifest, string Listed)> WrittenAsync(TempDir dir)
    {
        var build = ReportRelease.Build();
        var release = await ReportRelease.WriteAsync(dir.Path, build);
        return (build, release, ReleaseVerifier.ReadManifest(release), await File.ReadAllTextAsync(Path.Combine(release, ReleaseReport.FileName)));
    }
}
