using System.Globalization;
using Corpus.Tests.Support;

namespace Corpus.Tests.Extraction;

/// <summary>
/// The extractor over pages of both extraction dev sets vendored under <c>DevPages/</c> (ScrapingHub, MIT; Mozilla
/// Readability's test pages, Apache-2.0), through the real command. Deterministic, no timing: it fails if F1,
/// precision or recall falls below a floor set just under what the extractor reaches, if any page comes back empty,
/// or if the title and author scores fall.
/// </summary>
[Trait(TestCategory.Name, TestCategory.EndToEnd)]
public sealed class ExtractionQualityFloorTests
{
    private static string Pages(string set) => Path.Combine(RepoPaths.Root, "tests", "Corpus.Tests", "Extraction", "DevPages", set);

    [Theory]
    [InlineData("scrapinghub", 46, 0.973, 0.963, 0.983)]
    [InlineData("readability", 42, 0.950, 0.975, 0.920)]
    public async Task Both_dev_sets_stay_above_the_floor_and_no_page_is_empty(string set, int pages, double f1, double precision, double recall)
    {
        var dir = Pages(set);
        var result = await CliRunner.RunAsync("eval", "extraction", "--html", Path.Combine(dir, "html"), "--truth", Path.Combine(dir, "ground-truth.json"));
        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n');
        Assert.True(Number(lines[0], "F1") >= f1, lines[0]);
        Assert.True(Number(lines[0], "precision") >= precision, lines[0]);
        Assert.True(Number(lines[0], "recall") >= recall, lines[0]);
        Assert.Contains($"({pages} pages)", lines[0]);
        Assert.Equal("empty pages: 0", lines[1].Trim());
    }

    [Fact]
    public async Task Title_and_author_are_scored_against_the_readability_labels()
    {
        var dir = Pages("readability");
        var result = await CliRunner.RunAsync("eval", "extraction", "--html", Path.Combine(dir, "html"), "--truth", Path.Combine(dir, "ground-truth.json"), "--worst", "0");
        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n');
        var title = lines.Single(l => l.StartsWith("title:", StringComparison.Ordinal));
        var author = lines.Single(l => l.StartsWith("author:", StringComparison.Ordinal));
        Assert.True(Number(title, "exact") >= 0.90, title);
        Assert.True(Number(author, "F1") >= 0.85, author);
    }

    [Fact]
    public async Task An_unknown_focus_is_refused_in_one_sentence()
    {
        var dir = Pages("scrapinghub");
        var result = await CliRunner.RunAsync("eval", "extraction", "--html", Path.Combine(dir, "html"), "--truth", Path.Combine(dir, "ground-truth.json"), "--focus", "everything");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("precision, balanced or recall", result.Error);
    }

    [Fact]
    public async Task Scoring_a_published_output_prints_its_row()
    {
        var dev = RepoPaths.ScrapingHub;
        var result = await CliRunner.RunAsync("eval", "extraction", "--truth", Path.Combine(dev, "ground-truth.json"),
            "--predictions", Path.Combine(dev, "published-outputs", "trafilatura.json"));
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("trafilatura: F1 0.958  precision 0.938  recall 0.978", result.Output);
        Assert.Contains("worst 10 pages:", result.Output);
    }

    private static double Number(string line, string name)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return double.Parse(words[Array.IndexOf(words, name) + 1], CultureInfo.InvariantCulture);
    }
}
