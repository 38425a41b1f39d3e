using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Corpus.Tests.Support;

namespace Corpus.Tests.Annotation;

/// <summary><c>corpus eval annotate --pages</c>: pages the section table labels, scored on their text with the filing hidden.</summary>
public sealed class EvalPagesTests
{
    private const string Football =
        "The striker scored twice in the second half as the home side won the league match 3-1. The coach praised the " +
        "defence, and the goalkeeper saved a penalty before the final whistle. The team now leads the table by four points.";

    private const string Budget =
        "The finance minister said the budget deficit narrowed as tax receipts rose and inflation slowed. Economists " +
        "expect the central bank to cut interest rates, and shares on the stock exchange rose as investors welcomed the figures.";

    [Fact]
    public async Task Pages_are_labelled_by_their_filing_and_scored_on_their_text_alone()
    {
        using var dir = new TempDir();
        var pages = dir.File("pages.jsonl");
        var lines = new[]
        {
            // Filed under /sport/ and about football: the text finds it.
            new JsonObject { ["id"] = "1", ["url"] = "https://news.example.com/sport/2026/01/match-report", ["title"] = "Home side win", ["text"] = Football },
            // Filed under /sport/ but about the budget: with the path hidden the text says economy, which counts as wrong.
            new JsonObject { ["id"] = "2", ["url"] = "https://news.example.com/sport/2026/01/budget-day", ["title"] = "Deficit narrows", ["text"] = Budget },
            // No filing the section table knows: not scored.
            new JsonObject { ["id"] = "3", ["url"] = "https://news.example.com/2026/01/other", ["text"] = Football },
        };
        await File.WriteAllLinesAsync(pages, lines.Select(l => l.ToJsonString()));

        var result = await CliRunner.RunAsync("eval", "annotate", "--pages", pages);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Matches(new Regex(Regex.Escape(pages) + @" \(section-labelled, text alone\) -: n=2  accuracy 0\.500"), result.Output);
        Assert.Contains("economy", result.Output);
    }
}
