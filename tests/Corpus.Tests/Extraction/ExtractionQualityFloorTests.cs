using Corpus.Tests.Support;

namespace Corpus.Tests.Extraction;

/// <summary>
/// The extractor over the 181 dev pages of the ScrapingHub benchmark, through the real command. Deterministic, no
/// timing: it fails if F1 or precision falls below a floor set just under what the extractor reaches.
/// </summary>
[Trait(TestCategory.Name, TestCategory.EndToEnd)]
public sealed class ExtractionQualityFloorTests
{
    private const double F1Floor = 0.965;
    private const double PrecisionFloor = 0.955;

    [Fact]
    public async Task Dev_set_F1_stays_above_the_floor()
    {
        var dev = RepoPaths.ScrapingHub;
        var result = await CliRunner.RunAsync("eval", "extraction", "--html", Path.Combine(dev, "html"), "--truth", Path.Combine(dev, "ground-truth.json"));
        Assert.True(result.ExitCode == 0, result.Error);
        var line = result.Output.Split('\n')[0];
        double Number(string name)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return double.Parse(words[Array.IndexOf(words, name) + 1], System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.True(Number("F1") >= F1Floor, line);
        Assert.True(Number("precision") >= PrecisionFloor, line);
        Assert.Contains("(181 pages)", line);
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
}
