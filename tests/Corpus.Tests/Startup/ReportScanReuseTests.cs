using Corpus.Parquet.Release;
using Corpus.Reporting;
using Corpus.Tests.Reporting;
using Corpus.Tests.Support;

namespace Corpus.Tests.Startup;

/// <summary>The report's scan is kept for the process's last release, so these run alone: another test's scan in between would replace it.</summary>
[CollectionDefinition(nameof(ReportScanCollection), DisableParallelization = true)]
public sealed class ReportScanCollection;

/// <summary>
/// A build renders its report twice (into the release, then with timing into the work folder); the second render of
/// the same shards takes the first scan's tallies instead of reading the Parquet files back, and gives the same page.
/// </summary>
[Collection(nameof(ReportScanCollection))]
public sealed class ReportScanReuseTests
{
    [Fact]
    public async Task The_same_shards_rendered_again_are_not_read_back_and_give_the_listed_bytes()
    {
        using var dir = new TempDir();
        var release = await ReportRelease.WriteAsync(dir.Path, ReportRelease.Build());
        var manifest = ReleaseVerifier.ReadManifest(release);
        var listed = await File.ReadAllTextAsync(Path.Combine(release, ReleaseReport.FileName));

        // Gone from the disk: only the scan the writer's render made can give the page now.
        foreach (var shard in manifest.Files) File.Delete(Path.Combine(release, shard.Path));

        Assert.Equal(listed, await ReleaseReport.RenderAsync(release, manifest));
    }

    [Fact]
    public async Task Other_shards_are_read_from_the_disk_not_taken_from_the_last_scan()
    {
        using var dir = new TempDir();
        var first = await ReportRelease.WriteAsync(dir.Path, ReportRelease.Build(kept: 10), "1.0.0");
        var second = await ReportRelease.WriteAsync(dir.Path, ReportRelease.Build(kept: 12), "1.1.0");
        var firstManifest = ReleaseVerifier.ReadManifest(first);
        var secondManifest = ReleaseVerifier.ReadManifest(second);

        // The last scan is the second release's; the first is read again and renders as listed.
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(first, ReleaseReport.FileName)), await ReleaseReport.RenderAsync(first, firstManifest));

        // Now the last scan is the first release's, so the second one's shards are opened: with them gone, that fails.
        foreach (var shard in secondManifest.Files) File.Delete(Path.Combine(second, shard.Path));
        await Assert.ThrowsAnyAsync<IOException>(() => ReleaseReport.RenderAsync(second, secondManifest));
    }
}
