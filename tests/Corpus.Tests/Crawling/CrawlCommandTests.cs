using Corpus.Tests.Support;

namespace Corpus.Tests.Crawling;

public sealed class CrawlCommandTests
{
    [Fact]
    public async Task Corpus_crawl_archives_the_sample_prints_progress_lines_and_a_second_run_fetches_nothing_new()
    {
        using var dir = new TempDir();
        var first = await CliRunner.RunAsync("crawl", RepoPaths.SampleRecipe, "--out", dir.Path, "--progress-seconds", "0.1");
        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.Contains("fetched ", first.Output);
        Assert.Contains("pages/s", first.Output);
        Assert.Contains("URLs done 33, failed 1", first.Output);   // 31 pages + the sitemap + the rss.xml the pages link; the 404 failed
        Assert.Contains($"WARC files: 1 in {Path.Combine(dir.Path, "warc")}", first.Output);

        var second = await CliRunner.RunAsync("crawl", RepoPaths.SampleRecipe, "--out", dir.Path);
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        Assert.Contains("fetched 0  failed 0", second.Output);
        Assert.Contains("URLs done 33, failed 1", second.Output);
    }

    [Fact]
    public async Task A_missing_warc_source_is_a_user_error_naming_the_entry()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("corpus.yaml"), "name: t\nversion: 1.0.0\nsources:\n  warc: [nothing/*.warc.gz]\n");
        var result = await CliRunner.RunAsync("build", dir.File("corpus.yaml"), "--out", dir.File("out"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("sources.warc: 'nothing/*.warc.gz' matches no WARC file", result.Error);
    }
}
