using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Corpus.Core.Pipeline;
using Corpus.Parquet.Release;
using Corpus.Reporting;
using Corpus.Reporting.Html;
using Corpus.Tests.Support;

namespace Corpus.Tests.Reporting;

/// <summary>The report page built from a small real release: accounting, example caps, escaping, privacy, determinism.</summary>
public sealed partial class ReportPageTests
{
    [Fact]
    public void The_funnel_starts_at_the_input_ends_at_the_kept_count_and_puts_each_rule_at_its_stage()
    {
        var build = ReportRelease.Build().Report;
        var funnel = Funnel.From(build);

        Assert.Equal(build.Input, funnel[0].In);
        Assert.Equal(build.Kept, funnel[^1].Out);
        for (var i = 1; i < funnel.Count; i++) Assert.Equal(funnel[i - 1].Out, funnel[i].In);
        foreach (var stage in funnel) Assert.Equal(stage.In - stage.Out, stage.Removed.Sum(r => r.Count));
        Assert.Equal(build.Excluded + build.Duplicates + build.Failed, funnel.Sum(s => s.Removed.Sum(r => r.Count)));
        Assert.Equal(["failed: http 404"], Stage(funnel, "fetch"));
        Assert.Equal(["extract.page_type", "failed: extract.time_budget"], Stage(funnel, "extract"));
        Assert.Equal(["quality.min_words"], Stage(funnel, "filter"));
        Assert.Equal(["duplicates"], Stage(funnel, "dedup"));
    }

    [Fact]
    public void A_manifest_count_without_its_breakdown_still_adds_up()
    {
        var build = new BuildReport
        {
            Input = 10, Kept = 5, Excluded = 2, Duplicates = 1, Failed = 2,
            ExcludedByRule = new Dictionary<string, int> { ["gopher.mean_word_length"] = 1 },
            KeptByLanguage = new Dictionary<string, int>(),
        };
        var funnel = Funnel.From(build);
        Assert.Equal(5, funnel[^1].Out);
        Assert.Contains(funnel[0].Removed, r => r.Label == "failed: (no reason recorded)" && r.Count == 2);
        Assert.Contains(funnel.Single(s => s.Name == "filter").Removed, r => r.Label == "excluded: (no rule recorded)" && r.Count == 1);
    }

    [Fact]
    public async Task The_page_shows_the_manifest_counts_and_at_most_five_examples_per_rule()
    {
        using var dir = new TempDir();
        var release = await ReportRelease.WriteAsync(dir.Path, ReportRelease.Build(minWords: 8));
        var html = await File.ReadAllTextAsync(Path.Combine(release, ReleaseReport.FileName));
        var build = ReleaseVerifier.ReadManifest(release).Build;

        Assert.Equal(build.Input.ToString(), DataCount(html, "input"));
        Assert.Equal(build.Kept.ToString(), DataCount(html, "kept"));
        Assert.Equal(build.Excluded.ToString(), DataCount(html, "excluded"));
        Assert.Equal(build.Duplicates.ToString(), DataCount(html, "duplicates"));
        Assert.Equal(build.Failed.ToString(), DataCount(html, "failed"));
        var minWords = Section(html, "<h3 id=\"rule-quality-min-words\">", "<h3");
        Assert.Contains("8 documents, first 5 by id", minWords);
        Assert.Equal(5, Regex.Matches(minWords, "class=\"example\"").Count);
        var data = await ReleaseScan.ReadAsync(release, ReleaseVerifier.ReadManifest(release));
        Assert.All(data.Exclusions.Concat(data.Failures), g => Assert.True(g.Examples.Count <= ReportLayout.ExamplesPerGroup));
        Assert.Equal(8, data.Exclusions.Single(g => g.Name == "quality.min_words").Count);
        var cluster = Assert.Single(data.Duplicates.Largest);
        Assert.Equal(3, cluster.Size);
        Assert.Equal(2, cluster.MemberUrls.Count);
        Assert.Equal(6, data.Promos.Sum(p => p.Promos));
    }

    [Fact]
    public async Task Markup_and_hostile_urls_from_the_pages_are_shown_as_text_never_as_markup()
    {
        using var dir = new TempDir();
        var release = await ReportRelease.WriteAsync(dir.Path, ReportRelease.Build());
        var html = await File.ReadAllTextAsync(Path.Combine(release, ReleaseReport.FileName));

        Assert.DoesNotContain(ReportRelease.HostileTitle, html);
        Assert.Contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;b&gt;listing&lt;/b&gt;", html);
        // The page's own script is its only script element.
        Assert.Single(Regex.Matches(html, "<script"));
        Assert.Equal("<span class=\"url\">javascript:alert(1)</span>", HtmlText.Url("javascript:alert(1)"));
        Assert.StartsWith("<a class=\"url\" href=\"http://kabar.test/berita/%22%3E%3Cimg", HtmlText.Url(ReportRelease.HostileUrl));
    }

    [Fact]
    public async Task Personal_data_is_masked_in_every_excerpt_even_where_the_build_had_not_masked_it_yet()
    {
        using var dir = new TempDir();
        var release = await ReportRelease.WriteAsync(dir.Path, ReportRelease.Build());
        var html = await File.ReadAllTextAsync(Path.Combine(release, ReleaseReport.FileName));

        Assert.DoesNotContain(ReportRelease.Email, html);
        Assert.DoesNotContain(ReportRelease.PublicIp, html);
        Assert.Contains("email@example.com", html);
        // A cut through the middle of an address cannot leave half of it: the text is masked before it is cut.
        var longText = new string('x', ReportLayout.ExcerptChars - 10) + " " + ReportRelease.Email;
        Assert.DoesNotContain("budi.santoso", ReleaseScan.Excerpt(longText));
    }

    [Fact]
    public async Task The_report_is_listed_and_hashed_in_the_manifest_verifies_and_renders_the_same_bytes_again()
    {
        using var dir = new TempDir();
        await ReportRelease.WriteAsync(dir.Path, ReportRelease.Build(kept: 10), "1.0.0");
        var release = await ReportRelease.WriteAsync(dir.Path, ReportRelease.Build(kept: 12), "1.1.0");
        var manifest = ReleaseVerifier.ReadManifest(release);
        var file = Path.Combine(release, ReleaseReport.FileName);

        var listed = Assert.Single(manifest.OtherFiles, f => f.Path == ReleaseReport.FileName);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), listed.Sha256);
        await ReleaseVerifier.VerifyAsync(release);
        Assert.Equal(await File.ReadAllTextAsync(file), await ReleaseReport.RenderAsync(release, manifest));
        var html = await File.ReadAllTextAsync(file);
        Assert.Contains("From 1.0.0 to 1.1.0", html);
        Assert.Matches(@"added</td><td class=""n"" data-sort=""2"">2<", html);

        var again = await CliRunner.RunAsync("report", release);
        Assert.True(again.ExitCode == 0, again.Error);
        await ReleaseVerifier.VerifyAsync(release);
    }

    [Fact]
    public async Task Corpus_report_never_changes_a_published_release_and_writes_elsewhere_with_out()
    {
        using var dir = new TempDir();
        var release = await Corpus.Tests.Parquet.SyntheticRelease.WriteAsync(dir.Path, Corpus.Tests.Parquet.SyntheticRelease.Build(6));

        var refused = await CliRunner.RunAsync("report", release);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("does not list report.html", refused.Error);
        Assert.False(File.Exists(Path.Combine(release, ReleaseReport.FileName)));

        var written = await CliRunner.RunAsync("report", release, "--out", dir.File("page.html"));
        Assert.True(written.ExitCode == 0, written.Error);
        Assert.Contains("Report written to", written.Output);
        Assert.Contains("<h2>Where every document went</h2>", await File.ReadAllTextAsync(dir.File("page.html")));
    }

    [Fact]
    public async Task Every_section_of_the_layout_is_on_the_page_once_in_the_layout_order()
    {
        using var dir = new TempDir();
        var release = await ReportRelease.WriteAsync(dir.Path, ReportRelease.Build());
        var html = await File.ReadAllTextAsync(Path.Combine(release, ReleaseReport.FileName));

        var positions = ReportLayout.Sections.Select(s => html.IndexOf($"<section id=\"{s.Id}\">", StringComparison.Ordinal)).ToList();
        Assert.All(ReportLayout.Sections, s => Assert.Single(Regex.Matches(html, $"<section id=\"{s.Id}\">")));
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain("http://", html.Replace("http://kabar.test/", ""));
    }

    private static IReadOnlyList<string> Stage(IReadOnlyList<FunnelStage> funnel, string name) =>
        funnel.Single(s => s.Name == name).Removed.Select(r => r.Label).ToList();

    private static string DataCount(string html, string name) =>
        Regex.Match(html, $"data-count=\"{name}\">([^<]*)<").Groups[1].Value.Replace(",", "");

    private static string Section(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"no {start} in the page");
        var to = html.IndexOf(end, from + start.Length, StringComparison.Ordinal);
        return to < 0 ? html[from..] : html[from..to];
    }
}
