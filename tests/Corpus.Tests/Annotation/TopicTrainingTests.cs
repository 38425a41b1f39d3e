using System.Text.Json.Nodes;
using Corpus.Annotation;
using Corpus.Annotation.Topics;
using Corpus.Core.Recipes;
using Corpus.Tests.Support;

namespace Corpus.Tests.Annotation;

public sealed class TopicTrainingTests
{
    // A made-up word the priors cannot know: only training can tie it to a topic.
    private const string NewWord = "quorvexing";

    [Fact]
    public async Task Topics_train_writes_a_model_the_recipe_key_can_point_at()
    {
        using var dir = new TempDir();
        var labelled = dir.File("labelled.jsonl");
        var lines = Enumerable.Range(0, 4).Select(i => new JsonObject { ["text"] = $"Residents reported {NewWord} over the hills for the {i}th day.", ["topic"] = "weather" })
            .Concat(Enumerable.Range(0, 4).Select(i => new JsonObject { ["text"] = $"The council met on day {i} to discuss the parking plan.", ["topic"] = "medtop:11000000" }));
        await File.WriteAllLinesAsync(labelled, lines.Select(l => l.ToJsonString()));
        var model = dir.File("topics.model");

        var result = await CliRunner.RunAsync("topics", "train", "--in", labelled, "--out", model);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Trained on 8 documents in 2 topics", result.Output);

        var text = $"{NewWord} over the hills again.";
        var builtin = new Annotator(["en", "id"], new AnnotationSettings { TopicModel = "keywords" });
        Assert.NotEqual("medtop:17000000", builtin.Topics.Classify(text, null, null, null)?.Topic.Id);

        var trained = new Annotator(["en", "id"], new AnnotationSettings { TopicModel = "topics.model" }, p => Path.Combine(dir.Path, p));
        Assert.Equal("medtop:17000000", trained.Topics.Classify(text, null, null, null)?.Topic.Id);
        // The priors stay in a trained model.
        Assert.Equal("medtop:15000000", trained.Topics.Classify("The striker scored twice in the cup final.", null, null, null)?.Topic.Id);
    }

    [Fact]
    public void A_model_trained_on_articles_is_asked_about_articles_and_one_trained_on_sentences_is_not()
    {
        using var dir = new TempDir();
        // The made-up word sits in the lead, where the regression reads; the padding makes each text an article.
        var padding = string.Concat(Enumerable.Repeat(" The statement was read out and people listened.", 20));
        LabelledText Example(string text, string topic, bool article) => new(article ? text + padding : text, null, IptcTopics.Get(topic));
        LabelledText[] Examples(bool article) =>
        [
            Example($"Residents reported {NewWord} over the hills.", "weather", article), Example($"More {NewWord} is expected tonight.", "weather", article),
            Example("The council met to discuss the parking plan.", "politics", article), Example("The council voted on the parking plan.", "politics", article),
        ];
        Examples(true).Select(e => e.Text.Length).ToList().ForEach(n => Assert.True(n > TopicModel.MaxChars));

        TopicTrainer.Train(Examples(true), "articles").Save(dir.File("articles"));
        TopicTrainer.Train(Examples(false), "sentences").Save(dir.File("sentences"));
        var articles = TopicModel.Load(dir.File("articles"));
        var sentences = TopicModel.Load(dir.File("sentences"));

        var longest = Examples(true).Max(e => TopicModel.KeywordPriorsOnly.EvidenceChars(e.Text, e.Title));
        Assert.Equal(longest, articles.RegressionUpTo);
        Assert.Equal(TopicModel.MaxChars, sentences.RegressionUpTo);
        var article = $"{NewWord} over the hills again." + padding;
        static TopicModel PriorsOnly(TopicModel m) => new(IptcTopics.All, KeywordPriors.Load(), "priors", m.Learned) { RegressionUpTo = 0 };
        var weather = articles.Topics.Select((t, i) => (t, i)).Single(p => p.t.Id == "medtop:17000000").i;
        // The article model's regression speaks on an article, towards the topic it learned the word for ...
        Assert.True(articles.Score(article, null)[weather] > PriorsOnly(articles).Score(article, null)[weather]);
        // ... the sentence model leaves an article to the priors, and speaks on a sentence.
        Assert.Equal(PriorsOnly(sentences).Score(article, null), sentences.Score(article, null));
        var sentence = $"{NewWord} over the hills again.";
        Assert.True(sentences.Score(sentence, null)[weather] > PriorsOnly(sentences).Score(sentence, null)[weather]);
    }

    [Fact]
    public void Training_is_deterministic()
    {
        using var dir = new TempDir();
        var examples = new[]
        {
            new LabelledText("Rain and wind tonight.", null, IptcTopics.Get("weather")), new LabelledText("Rain and snow tomorrow.", null, IptcTopics.Get("weather")),
            new LabelledText("Parliament passed the bill.", null, IptcTopics.Get("politics")), new LabelledText("The minister resigned.", null, IptcTopics.Get("politics")),
        };
        TopicTrainer.Train(examples, "a").Save(dir.File("a"));
        TopicTrainer.Train(examples, "a").Save(dir.File("b"));
        Assert.Equal(File.ReadAllBytes(dir.File("a")), File.ReadAllBytes(dir.File("b")));
    }

    [Theory]
    [InlineData("Parliament passed the bill after a long night.", "Vote")]
    [InlineData("Rain, rain and more rain: the river rose again overnight. Rain.", null)]
    [InlineData("", "   ")]
    public void Scoring_without_a_feature_vector_gives_the_vector_s_scores(string text, string? title)
    {
        var examples = new[]
        {
            new LabelledText("Rain and wind tonight.", null, IptcTopics.Get("weather")), new LabelledText("Rain and snow tomorrow.", "Storm", IptcTopics.Get("weather")),
            new LabelledText("Parliament passed the bill.", null, IptcTopics.Get("politics")), new LabelledText("The minister resigned.", "Vote", IptcTopics.Get("politics")),
        };
        var learned = TopicTrainer.Train(examples, "a").Learned!;
        Assert.True(TopicWeights.Reads(learned));
        var expected = learned.Scores(TopicModel.LearnedFeatures(learned, text, title));
        var weights = new TopicWeights(learned);
        var actual = new double[learned.Labels.Count];
        weights.AddScores(title ?? "", text, actual);
        for (var c = 0; c < actual.Length; c++) Assert.InRange(actual[c], expected[c] - 1e-4, expected[c] + 1e-4);
        var again = new double[learned.Labels.Count];
        weights.AddScores(title ?? "", text, again);
        Assert.Equal(actual, again);
    }

    [Fact]
    public void A_model_trained_on_damped_counts_is_still_scored_as_it_was_trained()
    {
        // Models written before occurrence features (no counts=sqrt property) read unit-length 1 + ln(count) vectors.
        var examples = new[]
        {
            new LabelledText("Rain and wind tonight.", null, IptcTopics.Get("weather")), new LabelledText("Parliament passed the bill.", null, IptcTopics.Get("politics")),
        };
        var sqrt = TopicTrainer.Train(examples, "a").Learned!;
        var damped = new Corpus.Annotation.Features.LinearModel(sqrt.Spec, sqrt.Labels, new float[sqrt.Spec.Buckets * sqrt.Labels.Count], new float[sqrt.Labels.Count]);
        Assert.False(TopicWeights.Reads(damped));
        var x = TopicModel.LearnedFeatures(damped, "Rain, rain and more rain.", null);
        var expected = damped.Features("Rain, rain and more rain.", normalise: true);
        Assert.Equal(expected.Indices, x.Indices);
        Assert.Equal(expected.Values, x.Values);
    }

    [Fact]
    public void The_priors_weigh_less_on_a_sentence_than_on_an_article()
    {
        Assert.Equal(0.5, TopicModel.PriorWeightFor(200, 0.5, 1));
        Assert.True(TopicModel.PriorWeightFor(2000, 0.5, 1) > 0.9);
        Assert.Equal(0.7, TopicModel.PriorWeightFor(5000, 0.7, 0.7), 9);
    }

    [Fact]
    public async Task A_file_that_is_not_a_model_is_a_clear_user_error()
    {
        using var dir = new TempDir();
        var notModel = dir.File("x.model");
        await File.WriteAllTextAsync(notModel, "hello");
        var input = dir.File("in.jsonl");
        await File.WriteAllTextAsync(input, """{"id":"a","text":"hello"}""");
        var result = await CliRunner.RunAsync("annotate", "--in", input, "--topic-model", notModel);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not a Corpus topic model", result.Error);
    }

    [Fact]
    public async Task An_unknown_topic_label_names_its_line()
    {
        using var dir = new TempDir();
        var input = dir.File("labelled.jsonl");
        await File.WriteAllTextAsync(input, "{\"text\":\"a\",\"topic\":\"sport\"}\n{\"text\":\"b\",\"topic\":\"gardening\"}\n");
        var result = await CliRunner.RunAsync("topics", "train", "--in", input, "--out", dir.File("m"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 2", result.Error);
    }
}

public sealed class SectionLabelTrainingTests
{
    [Fact]
    public async Task Topics_train_from_a_release_labels_its_pages_by_section_as_from_the_same_pages_in_json_lines()
    {
        using var work = new TempDir();
        var build = await CliRunner.RunAsync("build", RepoPaths.SampleRecipe, "--out", work.File("out"));
        Assert.True(build.ExitCode == 0, build.Error + build.Output);
        var release = Path.Combine(work.File("out"), "1.0.0");

        // What the section table makes of every kept page, read back by DuckDB.
        var rows = DuckDb.Query($"SELECT text, url, title, section FROM {DuckDb.Lit(Path.Combine(release, "data", "*.parquet"))} ORDER BY id");
        var sections = new TopicClassifier(TopicModel.KeywordPriorsOnly, SectionDictionary.Default);
        var expected = rows.Count(r => sections.FromMetadata((string?)r["section"], (string?)r["url"]) is not null);
        Assert.InRange(expected, 1, rows.Count);

        // Every page, whatever its topic's count: this is about labelling, not the floor of pages per topic.
        var fromRelease = await CliRunner.RunAsync("topics", "train", "--from", release, "--min-pages", "1", "--out", work.File("a.model"));
        Assert.True(fromRelease.ExitCode == 0, fromRelease.Error);
        Assert.Contains($"Trained on {expected} documents", fromRelease.Output);
        Assert.Contains($"({expected} labelled by section)", fromRelease.Output);

        var pages = work.File("pages.jsonl");
        await File.WriteAllLinesAsync(pages, rows.Select(r => new JsonObject
        {
            ["text"] = (string?)r["text"], ["url"] = (string?)r["url"], ["title"] = (string?)r["title"], ["section"] = (string?)r["section"],
        }.ToJsonString()));
        var fromJsonl = await CliRunner.RunAsync("topics", "train", "--from", pages, "--min-pages", "1", "--out", work.File("b.model"));
        Assert.True(fromJsonl.ExitCode == 0, fromJsonl.Error);
        Assert.Contains($"({expected} labelled by section)", fromJsonl.Output);
    }

    [Fact]
    public async Task Trainer_settings_change_the_model_and_a_bad_one_is_refused()
    {
        using var work = new TempDir();
        var input = work.File("labelled.jsonl");
        await File.WriteAllLinesAsync(input, Enumerable.Range(0, 6).Select(i => new JsonObject
        {
            ["text"] = i % 2 == 0 ? $"The striker scored goal number {i} in the league." : $"Parliament passed budget bill number {i}.",
            ["topic"] = i % 2 == 0 ? "sport" : "politics",
        }.ToJsonString()));
        Assert.Equal(0, (await CliRunner.RunAsync("topics", "train", "--in", input, "--out", work.File("a"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("topics", "train", "--in", input, "--out", work.File("b"), "--char-ngrams", "2-5", "--epochs", "9")).ExitCode);
        Assert.NotEqual(File.ReadAllBytes(work.File("a")), File.ReadAllBytes(work.File("b")));
        var bad = await CliRunner.RunAsync("topics", "train", "--in", input, "--out", work.File("c"), "--char-ngrams", "5-2");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--char-ngrams", bad.Error);
        var balance = await CliRunner.RunAsync("topics", "train", "--in", input, "--out", work.File("d"), "--class-balance", "-1");
        Assert.Equal(1, balance.ExitCode);
        Assert.Contains("--class-balance", balance.Error);
        var seeds = await CliRunner.RunAsync("topics", "train", "--in", input, "--out", work.File("e"), "--seeds", "0");
        Assert.Equal(1, seeds.ExitCode);
        Assert.Contains("--seeds", seeds.Error);
    }

    [Fact]
    public async Task A_from_path_that_does_not_exist_is_named()
    {
        using var work = new TempDir();
        var result = await CliRunner.RunAsync("topics", "train", "--from", work.File("nothing-here"), "--out", work.File("m"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing-here", result.Error);
    }
}
