using Corpus.Cleaning;
using Corpus.Core.Documents;
using Corpus.Extraction.Content;
using Corpus.Parquet.Release;
using Corpus.Reporting;
using Corpus.Tests.Parquet;
using Corpus.Tests.Support;
using Corpus.Text.Promos;

namespace Corpus.Tests.Reporting;

/// <summary>Promos recorded by rule with their neighbours, summed into the release's promos.json and shown by the report.</summary>
public sealed class PromoReportTests
{
    [Fact]
    public void The_cleaning_stage_records_each_promo_line_with_the_paragraphs_around_it()
    {
        var document = SyntheticRelease.Article(1, text: "Paragraf pertama tentang banjir di kota.\nBaca juga: Harga beras naik lagi minggu ini\nParagraf kedua tentang pengungsi.");

        var cleaned = new PromoStage(PromoRules.Default).Process(document);

        Assert.Equal(1, cleaned.PromosRemoved);
        var promo = Assert.Single(cleaned.PromoRemovals!);
        Assert.StartsWith("promo.", promo.Rule);
        Assert.Equal("Baca juga: Harga beras naik lagi minggu ini", promo.Text);
        Assert.Equal("Paragraf pertama tentang banjir di kota.", promo.Before);
        Assert.Equal("Paragraf kedua tentang pengungsi.", promo.After);
    }

    [Fact]
    public void An_extracted_promo_block_gets_the_body_lines_it_stood_between()
    {
        var content = new MainContent(["Satu.", "Dua."], 0, [new RemovedBlock("promo.link_block", "Terkait") { At = 1 }, new RemovedBlock("promo.share", "Bagikan") { At = 2 }], []);

        var promos = ExtractedPromos.Of(content)!;

        Assert.Equal(new PromoRemoval("promo.link_block", "Terkait", "Satu.", "Dua."), promos[0]);
        Assert.Equal(new PromoRemoval("promo.share", "Bagikan", "Dua.", null), promos[1]);
    }

    [Fact]
    public async Task The_report_shows_promo_counts_by_rule_adding_up_to_promos_removed_and_examples_between_their_neighbours()
    {
        using var dir = new TempDir();
        var release = await ReportRelease.WriteAsync(dir.Path, ReportRelease.Build(kept: 12, promos: 7));
        await ReleaseVerifier.VerifyAsync(release);
        var manifest = ReleaseVerifier.ReadManifest(release);
        Assert.Contains(manifest.OtherFiles, f => f.Path == PromoSummary.FileName);
        var data = await ReleaseScan.ReadAsync(release, manifest);
        var summary = PromoSummary.Read(release)!;

        // promos_removed as the shards hold it, summed, equals the counts by rule, and each rule's languages add up.
        var promosRemoved = data.Promos.Sum(p => p.Promos);
        Assert.Equal(14, promosRemoved);
        Assert.Equal(promosRemoved, summary.Rules.Sum(r => r.Count));
        Assert.Equal(promosRemoved, summary.PromosRemoved);
        Assert.All(summary.Rules, r => Assert.Equal(r.Count, r.Languages.Values.Sum()));
        Assert.Equal(["promo.lead_phrase", "promo.link_block"], summary.Rules.Select(r => r.Rule).Order(StringComparer.Ordinal));
        Assert.All(summary.Rules, r => Assert.Equal(ReportLayout.ExamplesPerGroup, r.Examples.Count));

        var html = await File.ReadAllTextAsync(Path.Combine(release, ReleaseReport.FileName));
        Assert.DoesNotContain("not recorded", html);
        var section = html[html.IndexOf("<h3 id=\"promo-promo-lead-phrase\">", StringComparison.Ordinal)..];
        var first = summary.Rules.Single(r => r.Rule == "promo.lead_phrase").Examples[0];
        var n = first.Text[(first.Text.IndexOf('(') + 1)..first.Text.IndexOf(')')];
        var before = section.IndexOf($"{ReportRelease.PromoBefore} {n}.", StringComparison.Ordinal);
        var removed = section.IndexOf($"<div class=\"promo-removed\" data-promo-rule=\"promo.lead_phrase\"><strong>removed:</strong> Baca juga: Harga cabai naik lagi ({n})", StringComparison.Ordinal);
        var after = section.IndexOf($"{ReportRelease.PromoAfter} {n}.", StringComparison.Ordinal);
        Assert.True(before >= 0 && removed > before && after > removed, "the removed paragraph is shown between its neighbours");
        Assert.DoesNotContain(ReportRelease.Email, html);
        Assert.DoesNotContain(ReportRelease.Email, await File.ReadAllTextAsync(Path.Combine(release, PromoSummary.FileName)));
    }
}
