using System.Globalization;
using System.Text.RegularExpressions;
using Corpus.Cleaning.Promos.Evaluation;
using Corpus.Tests.Support;

namespace Corpus.Tests.Cleaning;

/// <summary>The labelled promo dev set and <c>corpus eval promos</c> on it, with the issue's targets.</summary>
public sealed partial class PromoDevSetTests
{
    private static string SetDir => Path.Combine(RepoPaths.Root, "tests", "Corpus.Tests", "Cleaning", "PromoDevSet");

    [Fact]
    public void The_dev_set_is_as_large_and_as_varied_as_promised()
    {
        var set = PromoDevSet.Load(SetDir);
        var pageLabels = set.Labels.Where(l => l.Item.StartsWith("pages/", StringComparison.Ordinal)).ToList();
        Assert.True(pageLabels.Count(l => l.IsPromo) >= 200);
        Assert.True(pageLabels.Count(l => !l.IsPromo) >= 1000);
        Assert.True(set.Labels.Select(l => Path.GetFileName(l.Item).Split('-')[0]).Distinct().Count() >= 8);
        foreach (var style in new[] { "wordpress", "idcms", "european", "english" })
            Assert.Contains(set.Pages, p => p.Key.Contains(style, StringComparison.Ordinal));
    }

    [Fact]
    public void Labels_live_only_in_the_sidecar()
    {
        foreach (var page in Directory.GetFiles(Path.Combine(SetDir, "pages")))
        {
            var html = File.ReadAllText(page);
            // No class, id or data attribute that says which blocks are promos.
            Assert.DoesNotMatch(@"(?i)(class|id)=""[^""]*(promo|label)|data-(promo|label|kind)", html);
        }
    }

    [Fact]
    public async Task Eval_promos_meets_the_targets_on_pages_and_on_plain_text()
    {
        var result = await CliRunner.RunAsync("eval", "promos", "--set", SetDir);
        Assert.True(result.ExitCode == 0, result.Error);
        var scores = Score().Matches(result.Output).Select(m => (
            Title: m.Groups[1].Value,
            Precision: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            Recall: double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(3, scores.Count); // pages, plain text, all
        Assert.All(scores, s =>
        {
            Assert.True(s.Precision >= 0.995, $"{s.Title}: precision {s.Precision}");
            Assert.True(s.Recall >= 0.98, $"{s.Title}: recall {s.Recall}");
        });
        Assert.Contains("promo.lead_phrase", result.Output);
        Assert.Contains("promo.related_box", result.Output);
    }

    [Fact]
    public void The_score_counts_a_kept_promo_and_a_removed_paragraph_against_the_cleaner()
    {
        var labels = new[]
        {
            new PromoLabel("pages/xx-a.html", true, "Baca juga: A"),
            new PromoLabel("pages/xx-a.html", true, "Baca juga: B"),
            new PromoLabel("pages/xx-a.html", false, "Paragraf satu."),
            new PromoLabel("pages/xx-a.html", false, "Paragraf dua."),
        };
        var report = PromoEvaluation.Score(labels.GroupBy(l => l.Item), _ => ["Baca juga: B", "Paragraf satu."]);
        Assert.Equal(0.5, report.Total.Recall);
        Assert.Equal(0.5, report.Total.Precision);
        Assert.Equal(2, report.Mistakes.Count);
    }

    [Fact]
    public async Task A_folder_without_labels_is_a_user_error()
    {
        using var dir = new TempDir();
        var result = await CliRunner.RunAsync("eval", "promos", "--set", dir.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("labels.tsv", result.Error);
    }

    [GeneratedRegex(@"^(.+?): precision ([0-9.]+)\s+recall ([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex Score();
}
