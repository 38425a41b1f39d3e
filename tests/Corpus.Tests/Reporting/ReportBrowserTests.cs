using System.Text.Json.Nodes;
using Corpus.Parquet.Release;
using Corpus.Reporting;
using Corpus.Tests.EndToEnd;
using Corpus.Tests.Support;

namespace Corpus.Tests.Reporting;

/// <summary>
/// The report opened in a real browser (Debian's headless chromium): no console error, no failed or remote load, the
/// funnel in the DOM equal to the manifest's accounting, no page-wide sideways scrolling on a phone; screenshots at
/// 1280 px and 390 px go to <c>report-screenshots/</c> in the test output. Skipped, and said so, where chromium is not
/// installed, unless CORPUS_REQUIRE_BROWSER=1 (CI), where that fails.
/// </summary>
public sealed class ReportBrowserTests
{
    [SkippableFact]
    public async Task A_small_release_report_opens_cleanly_in_chromium_and_shows_the_manifest_funnel()
    {
        RequireBrowser();
        using var dir = new TempDir();
        await ReportRelease.WriteAsync(dir.Path, ReportRelease.Build(kept: 10), "1.0.0");
        var release = await ReportRelease.WriteAsync(dir.Path, ReportRelease.Build(kept: 12), "1.1.0");

        await CheckInBrowserAsync(release, "small");
    }

    /// <summary>The checker itself can fail: a page with a console error, an uncaught exception and a missing image is caught on all three.</summary>
    [SkippableFact]
    public async Task The_browser_check_reports_console_errors_exceptions_and_failed_loads()
    {
        RequireBrowser();
        using var dir = new TempDir();
        var file = dir.File("broken.html");
        await File.WriteAllTextAsync(file, "<!doctype html><html><body><p>broken</p><img src=\"missing.png\">"
            + "<script>console.error('deliberate');</script><script>throw new Error('thrown on purpose');</script></body></html>");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var browser = await HeadlessChromium.StartAsync(timeout.Token);
        await browser.OpenAsync(new Uri(file).AbsoluteUri, timeout.Token);
        // One more round trip on the same socket: every event the page raised is read before the problems are.
        await browser.EvaluateAsync("1", timeout.Token);

        var problems = string.Join("\n", browser.Problems);
        Assert.Contains("console.error", problems);
        Assert.Contains("thrown on purpose", problems);
        Assert.Contains(browser.Problems, p => p.StartsWith("failed load", StringComparison.Ordinal) || p.StartsWith("log error", StringComparison.Ordinal));
    }

    /// <summary>Opens the release's report and checks it; returns nothing, throws on the first broken promise.</summary>
    public static async Task CheckInBrowserAsync(string release, string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        var manifest = ReleaseVerifier.ReadManifest(release);
        var page = new Uri(Path.Combine(release, ReleaseReport.FileName)).AbsoluteUri;
        await using var browser = await HeadlessChromium.StartAsync(ct);
        await browser.OpenAsync(page, ct);

        var counts = (await browser.EvaluateAsync(
            "Object.fromEntries(Array.from(document.querySelectorAll('[data-count]')).map(e => [e.dataset.count, e.textContent]))", ct))!.AsObject();
        var b = manifest.Build;
        Assert.Equal(new Dictionary<string, long> { ["input"] = b.Input, ["kept"] = b.Kept, ["excluded"] = b.Excluded, ["duplicates"] = b.Duplicates, ["failed"] = b.Failed },
            counts.ToDictionary(c => c.Key, c => long.Parse(((string)c.Value!).Replace(",", ""))));
        var stages = (await browser.EvaluateAsync(
            "Array.from(document.querySelectorAll('[data-funnel-in]')).map(e => [e.dataset.funnelIn, e.textContent, document.querySelector('[data-funnel-out=\"' + e.dataset.funnelIn + '\"]').textContent])", ct))!.AsArray();
        long Number(JsonNode? n) => long.Parse(((string)n!).Replace(",", ""));
        Assert.Equal(b.Input, Number(stages.First(s => (string?)s![0] == "fetch")![1]));
        Assert.Equal(b.Kept, Number(stages.First(s => (string?)s![0] == "dedup")![2]));
        Assert.Equal(b.Input - b.Kept, stages.Sum(s => Number(s![1]) - Number(s[2])));

        var output = Path.Combine(AppContext.BaseDirectory, "report-screenshots");
        Directory.CreateDirectory(output);
        await File.WriteAllBytesAsync(Path.Combine(output, $"{name}-1280.png"), await browser.ScreenshotAsync(1280, mobile: false, ct), ct);
        await File.WriteAllBytesAsync(Path.Combine(output, $"{name}-390.png"), await browser.ScreenshotAsync(390, mobile: true, ct), ct);
        // On a phone the page itself never scrolls sideways (a wide table scrolls inside its own box).
        var width = (double)(await browser.EvaluateAsync("document.documentElement.scrollWidth", ct))!;
        Assert.True(width <= 390, $"at 390 px the page is {width} px wide");

        // The sort script runs: clicking a header orders the table and marks the header.
        var sorted = await browser.EvaluateAsync("(function(){var th=document.querySelector('#funnel-table th:nth-child(2)');th.click();return th.getAttribute('aria-sort');})()", ct);
        Assert.Equal("ascending", (string?)sorted);

        Assert.True(browser.Problems.Count == 0, "the browser reported: " + string.Join("\n", browser.Problems));
        Assert.All(browser.Requests, url => Assert.True(url.StartsWith("file:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal),
            $"the page fetched {url}"));
        Assert.Contains(browser.Requests, url => url == page);
    }

    public static void RequireBrowser()
    {
        // CI sets CORPUS_REQUIRE_BROWSER=1: there a missing chromium is a failure, not a skip.
        Assert.False(!HeadlessChromium.IsInstalled && Environment.GetEnvironmentVariable("CORPUS_REQUIRE_BROWSER") == "1",
            $"CORPUS_REQUIRE_BROWSER=1 but {HeadlessChromium.Executable} is missing (.ci/setup.d/30-chromium installs it)");
        Skip.IfNot(HeadlessChromium.IsInstalled, $"{HeadlessChromium.Executable} is not installed (apt-get install chromium)");
    }
}

/// <summary>The bundled sample's release, built by the README's first command: its report as a browser shows it.</summary>
[Trait(TestCategory.Name, TestCategory.EndToEnd)]
public sealed class SampleReportBrowserTests(SampleBuildFixture build) : IClassFixture<SampleBuildFixture>
{
    [SkippableFact]
    public async Task The_sample_release_carries_its_report_and_it_opens_cleanly_in_chromium()
    {
        Assert.True(build.Result.ExitCode == 0, build.Result.Error + build.Result.Output);
        var manifest = ReleaseVerifier.ReadManifest(build.ReleaseDir);
        Assert.Contains(manifest.OtherFiles, f => f.Path == ReleaseReport.FileName);
        await ReleaseVerifier.VerifyAsync(build.ReleaseDir);

        ReportBrowserTests.RequireBrowser();
        await ReportBrowserTests.CheckInBrowserAsync(build.ReleaseDir, "sample");
    }
}
