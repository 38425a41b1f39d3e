using System.Text.Json.Nodes;
using Corpus.Annotation.Topics;
using Corpus.Tests.Support;

namespace Corpus.Tests.Annotation;

/// <summary>
/// A topic that only section-labelled pages bring (economy beside a SIB-200-like file of sport and politics): trained
/// against the file's sentences, so it wins only where the text speaks for it, and left out below a floor of pages.
/// </summary>
public sealed class PageOnlyTopicTrainingTests
{
    // Made-up words the priors cannot know: only training can tie them to a topic.
    private const string SportWord = "brellic";
    private const string PoliticsWord = "vostrane";
    private const string EconomyWord = "quandrix";

    private static readonly IptcTopic Sport = IptcTopics.Get("sport");
    private static readonly IptcTopic Politics = IptcTopics.Get("politics");
    private static readonly IptcTopic Economy = IptcTopics.Get("economy");

    // Sentences of one labelled file that knows two topics, in two languages, as SIB-200 knows six in 24.
    private static List<LabelledText> Sentences()
    {
        IptcTopic[] allowed = [Sport, Politics];
        return Enumerable.Range(0, 12).SelectMany(i => new[]
        {
            new LabelledText($"The {SportWord} team won match {i} at home.", null, Sport, allowed),
            new LabelledText($"The {PoliticsWord} council met for sitting {i}.", null, Politics, allowed),
            new LabelledText($"{SportWord}チームが第{i}試合に勝った。", null, Sport, allowed),
            new LabelledText($"{PoliticsWord}議会が第{i}会期を開いた。", null, Politics, allowed),
        }).ToList();
    }

    private static List<LabelledText> Pages(int count) => Enumerable.Range(0, count)
        .Select(i => new LabelledText($"The {EconomyWord} index closed at {i} points on the exchange today.", null, Economy) { Distant = true }).ToList();

    private static IptcTopic Best(TopicModel model, string text)
    {
        var scores = model.Score(text, null);
        return model.Topics[Array.IndexOf(scores, scores.Max())];
    }

    [Fact]
    public void A_topic_only_pages_bring_does_not_win_on_a_text_with_no_evidence_for_it()
    {
        var model = TopicTrainer.Train([.. Sentences(), .. Pages(8)], "m", minPages: 8);
        Assert.Contains(Economy.Id, model.Learned!.Labels);
        // Text like the file's, in the language the pages never showed: the file's topics, not the pages'.
        Assert.NotEqual(Economy, Best(model, $"{SportWord}チームが今日も勝った。"));
        Assert.NotEqual(Economy, Best(model, $"{PoliticsWord}議会が今日も開いた。"));
        // Trained among its pages alone (as before the file's texts were its negatives), economy took this one.
        Assert.NotEqual(Economy, Best(model, "今日は雨でした。"));
        // Where the text speaks for it, the pages' topic is learned.
        Assert.Equal(Economy, Best(model, $"The {EconomyWord} index closed higher."));
    }

    [Fact]
    public void A_topic_with_fewer_pages_than_the_floor_is_left_out_and_the_file_s_topics_keep_theirs()
    {
        var pages = Pages(3).Append(new LabelledText($"The {SportWord} team won the cup.", null, Sport) { Distant = true }).ToList();
        List<LabelledText> examples = [.. Sentences(), .. pages];

        Assert.Equal([(Economy, 3)], TopicTrainer.TooFewPages(examples, minPages: 4));
        Assert.Empty(TopicTrainer.TooFewPages(examples, minPages: 3));
        Assert.DoesNotContain(Economy.Id, TopicTrainer.Train(examples, "m", minPages: 4).Learned!.Labels);
        Assert.Contains(Economy.Id, TopicTrainer.Train(examples, "m", minPages: 3).Learned!.Labels);
        // A single page of a topic the file has is trained as before.
        Assert.Equal([Politics.Id, Sport.Id], TopicTrainer.Train(examples, "m", minPages: 4).Learned!.Labels.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Without_pages_the_floor_changes_nothing()
    {
        using var dir = new TempDir();
        TopicTrainer.Train(Sentences(), "m", minPages: 1).Save(dir.File("a"));
        TopicTrainer.Train(Sentences(), "m", minPages: 1000).Save(dir.File("b"));
        Assert.Equal(File.ReadAllBytes(dir.File("a")), File.ReadAllBytes(dir.File("b")));
    }

    [Fact]
    public async Task Topics_train_names_the_topics_it_leaves_out()
    {
        using var dir = new TempDir();
        var labelled = dir.File("labelled.jsonl");
        await File.WriteAllLinesAsync(labelled, Sentences().Take(8).Select(e => new JsonObject { ["text"] = e.Text, ["topic"] = e.Topic.Key }.ToJsonString()));
        var pages = dir.File("pages.jsonl");
        await File.WriteAllLinesAsync(pages, Pages(3).Select((p, i) => new JsonObject { ["text"] = p.Text, ["url"] = $"https://news.example/economy/{i}" }.ToJsonString()));

        var few = await CliRunner.RunAsync("topics", "train", "--in", labelled, "--from", pages, "--min-pages", "4", "--out", dir.File("a"));
        Assert.True(few.ExitCode == 0, few.Error);
        Assert.Contains($"Left out {Economy.Label} ({Economy.Id}): only section-labelled pages bring it, and 3 page(s) are fewer than --min-pages 4.", few.Output);
        Assert.Contains("Trained on 8 documents in 2 topics (0 labelled by section)", few.Output);

        var enough = await CliRunner.RunAsync("topics", "train", "--in", labelled, "--from", pages, "--min-pages", "3", "--out", dir.File("b"));
        Assert.True(enough.ExitCode == 0, enough.Error);
        Assert.DoesNotContain("Left out", enough.Output);
        Assert.Contains("Trained on 11 documents in 3 topics (3 labelled by section)", enough.Output);

        var bad = await CliRunner.RunAsync("topics", "train", "--in", labelled, "--min-pages", "0", "--out", dir.File("c"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--min-pages", bad.Error);
    }
}
