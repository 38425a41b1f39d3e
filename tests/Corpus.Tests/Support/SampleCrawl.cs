namespace Corpus.Tests.Support;

/// <summary>The sample site crawled over loopback into <c>crawl/warc/</c> under a test's folder, for tests that build from WARC.</summary>
public static class SampleCrawl
{
    /// <summary>
    /// Crawls the sample into <paramref name="dir"/>'s <c>crawl/</c>. <paramref name="warcFileMb"/> rotates the WARC
    /// files small, so the pages spread over several files as a big crawl's would.
    /// </summary>
    public static async Task IntoAsync(TempDir dir, string? warcFileMb = null)
    {
        var rotate = warcFileMb is null ? "" : $"\n  warc_file_mb: {warcFileMb}";
        await File.WriteAllTextAsync(dir.File("crawl.yaml"), $"""
            name: sample
            version: 1.0.0
            sources:
              serve:
                - dir: {RepoPaths.SampleSite}
                  host: kabarnusantara.test
              sitemaps: [http://kabarnusantara.test/sitemap.xml]
            crawl:
              allowed_hosts: [kabarnusantara.test]
            """ + rotate + "\n");
        var result = await CliRunner.RunAsync("crawl", dir.File("crawl.yaml"), "--out", dir.File("crawl"));
        if (result.ExitCode != 0) throw new InvalidOperationException($"crawl failed: {result.Output}{result.Error}");
    }

    /// <summary>A recipe that builds the crawled sample from its WARC files; <paramref name="sections"/> adds top-level YAML.</summary>
    public static string BuildRecipe(string sections = "") => """
        name: sample
        version: 1.0.0
        license: CC-BY-4.0
        description: The sample site, from its WARC files.
        languages: [id, en, ms]
        sources:
          warc: [crawl/warc/*.warc.gz]
        quality:
          min_words: 50
          max_link_density: 0.5
        output:
          dir: releases
          compression: zstd

        """ + sections;
}
