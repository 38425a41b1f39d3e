using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Corpus.Annotation.Topics;

namespace Corpus.Benchmarks;

/// <summary>
/// The topic's cost per document, in one process, with the contenders taking turns round by round so that the shared
/// machine's load falls on all of them alike: the shipped model as it scores now (the regression reads the title and
/// <see cref="TopicModel.MaxChars"/> characters, the keyword priors <see cref="TopicModel.MaxKeywordChars"/>), the same
/// model reading as before (2,000 characters for the regression on every text, the whole text for the priors), and the keyword priors
/// alone. Documents: the project's dev-set prose joined to 3 KB, and, given a second argument, whole articles of a
/// JSON Lines file (e.g. <c>../shared/eval/topics-bbc/bbc.jsonl</c>). Reported: CPU microseconds per document per
/// round, and now against before per round.
/// </summary>
public static class TopicBenchmark
{
    public static int Run(string[] args)
    {
        var devSet = args.Length > 0 && args[0].Length > 0 ? args[0] : "tests/Corpus.Tests/Annotation/Data/annotate-dev.jsonl";
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var shipped = TopicModel.Shipped;
        var before = new TopicModel(IptcTopics.All, KeywordPriors.Load(), "before", shipped.Learned) { LearnedChars = 2000, KeywordChars = int.MaxValue, RegressionUpTo = int.MaxValue };
        var contenders = new (string Name, TopicModel Model)[] { ("now", shipped), ("before (2,000 + whole text)", before), ("keyword priors alone", TopicModel.KeywordPriorsOnly) };
        var sets = new List<(string Name, List<(string Text, string? Title)> Docs)> { ("dev prose, 3 KB", ThreeKilobytes(devSet)) };
        if (args.Length > 1 && args[1].Length > 0)
            sets.Add(("whole articles of " + Path.GetFileName(args[1]), File.ReadLines(args[1]).Select(l => JsonNode.Parse(l)!.AsObject())
                .Select(o => ((string)o["text"]!, (string?)o["title"])).ToList()));
        Console.WriteLine($"## Topic scoring, CPU µs per document, contenders taking turns ({rounds} rounds; shared 2-core machine)");
        foreach (var (setName, docs) in sets)
        {
            Console.WriteLine($"\n{setName}: {docs.Count} documents, mean {docs.Average(d => d.Text.Length):0} characters\n");
            Console.WriteLine("| round | " + string.Join(" | ", contenders.Select(c => c.Name)) + " | now / before |");
            Console.WriteLine("|---:|" + string.Concat(contenders.Select(_ => "---:|")) + "---:|");
            var totals = new double[contenders.Length];
            foreach (var (_, model) in contenders) foreach (var d in docs.Take(20)) model.Score(d.Text, d.Title);
            for (var round = 1; round <= rounds; round++)
            {
                var us = new double[contenders.Length];
                for (var c = 0; c < contenders.Length; c++)
                {
                    var model = contenders[c].Model;
                    var loops = Math.Max(1, 4000 / docs.Count);
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    for (var l = 0; l < loops; l++) foreach (var d in docs) model.Score(d.Text, d.Title);
                    us[c] = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / (loops * docs.Count);
                    totals[c] += us[c];
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {round} | {string.Join(" | ", us.Select(u => u.ToString("0", CultureInfo.InvariantCulture)))} | {us[0] / us[1]:0.00}x |"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| all | {string.Join(" | ", totals.Select(u => (u / rounds).ToString("0", CultureInfo.InvariantCulture)))} | {totals[0] / totals[1]:0.00}x |"));
        }
        return 0;
    }

    private static List<(string Text, string? Title)> ThreeKilobytes(string path)
    {
        var rows = File.ReadLines(path).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var docs = new List<(string, string?)>();
        for (var start = 0; start < rows.Count; start++)
        {
            var text = new System.Text.StringBuilder();
            for (var i = 0; text.Length < 3000; i++) text.Append((string)rows[(start + i) % rows.Count]["text"]!).Append('\n');
            docs.Add((text.ToString(0, 3000), (string?)rows[start]["title"]));
        }
        return docs;
    }
}
