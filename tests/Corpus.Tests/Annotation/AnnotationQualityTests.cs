using System.Text.Json.Nodes;
using Corpus.Annotation;
using Corpus.Annotation.Evaluation;
using Corpus.Annotation.Language;
using Corpus.Annotation.Topics;
using Corpus.Core.Recipes;
using Corpus.Tests.Support;

namespace Corpus.Tests.Annotation;

/// <summary>
/// Quality floors on the vendored samples (Data/README.md): the shipped Indonesian/Malay discriminator on held-aside
/// DSLCC sentences, all-language detection on SIB-200 sentences, and the shipped topic model next to the keyword priors.
/// </summary>
public sealed class AnnotationQualityTests
{
    private static string Sample(string name) => Path.Combine(RepoPaths.Root, "tests", "Corpus.Tests", "Annotation", "Data", name);

    private static IEnumerable<JsonObject> Lines(string name) =>
        File.ReadLines(Sample(name)).Select(l => JsonNode.Parse(l)!.AsObject());

    private static readonly LanguageIdentifier AllLanguages = new([]);

    [Fact]
    public void The_discriminator_tells_indonesian_from_malay_on_held_aside_news_sentences()
    {
        var withDiscriminator = new ConfusionMatrix();
        var linguaAlone = new ConfusionMatrix();
        var lingua = new LanguageIdentifier([]) { UseDiscriminator = false };
        foreach (var line in Lines("idms-dslcc-sample.jsonl"))
        {
            var gold = (string)line["language"]!;
            withDiscriminator.Add(gold, AllLanguages.Identify((string)line["text"]!).Code);
            linguaAlone.Add(gold, lingua.Identify((string)line["text"]!).Code);
        }
        foreach (var language in new[] { "id", "ms" })
        {
            var recall = withDiscriminator[language, language] / 60.0;
            Assert.True(recall >= 0.95, $"{language}: {recall}");
        }
        Assert.True(withDiscriminator.Accuracy > linguaAlone.Accuracy, $"{withDiscriminator.Accuracy} vs Lingua alone {linguaAlone.Accuracy}");
    }

    [Fact]
    public void Every_language_is_a_candidate_by_default()
    {
        var rows = Lines("sib200-dev-sample.jsonl").Where(r => (string)r["language"]! is not ("id" or "ms" or "en")).ToList();
        var right = rows.Count(r => AllLanguages.Identify((string)r["text"]!).Code == (string)r["language"]!);
        Assert.True(right >= 0.9 * rows.Count, $"{right}/{rows.Count}");
        Assert.Equal(["all"], AllLanguages.Candidates);
    }

    [Fact]
    public void Pieces_that_agree_with_the_confident_ones_give_the_labels_lingua_gives_them()
    {
        // Articles of several paragraphs: each dev article with the next two of its language, and every third one with
        // an English dev article's opening paragraph in the middle (a part in another language for the mixed flag).
        var rows = Lines("annotate-dev.jsonl").ToList();
        var english = rows.Where(r => (string)r["language"]! == "en").Select(r => ((string)r["text"]!).Split('\n')[0]).ToList();
        var asking = new LanguageIdentifier([]) { MinAgreeingTrigrams = int.MaxValue, AskOutsideGroup = true };
        int documents = 0, mixed = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var language = (string)rows[i]["language"]!;
            var same = rows.Skip(i).Concat(rows.Take(i)).Where(r => (string)r["language"]! == language).Take(3).Select(r => (string)r["text"]!).ToList();
            if (i % 3 == 0) same.Insert(1, english[i % english.Count] + "\n" + english[(i + 1) % english.Count]);
            var text = string.Join("\n", same);
            var trusted = AllLanguages.Identify(text, (string?)rows[i]["language_declared"], (string?)rows[i]["url"]);
            var asked = asking.Identify(text, (string?)rows[i]["language_declared"], (string?)rows[i]["url"]);
            Assert.True(asked.Code == trusted.Code, $"{rows[i]["id"]}: {trusted.Code} against Lingua's {asked.Code}");
            Assert.True(asked.Mixed == trusted.Mixed, $"{rows[i]["id"]}: mixed {trusted.Mixed} against Lingua's {asked.Mixed}");
            documents++;
            if (trusted.Mixed) mixed++;
        }
        Assert.True(mixed > 0 && mixed < documents, $"{mixed} of {documents} mixed");
    }

    [Fact]
    public void Reading_each_piece_only_until_it_is_clear_gives_the_labels_reading_them_whole_gives()
    {
        // Articles of several paragraphs, every third with two English paragraphs in the middle (as above).
        var rows = Lines("annotate-dev.jsonl").ToList();
        var english = rows.Where(r => (string)r["language"]! == "en").Select(r => ((string)r["text"]!).Split('\n')[0]).ToList();
        var stopping = new LanguageIdentifier([]);
        var whole = new LanguageIdentifier([]) { ClearMargin = 0, DecisiveLogOdds = double.PositiveInfinity };
        int mixed = 0, differ = 0, labels = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var language = (string)rows[i]["language"]!;
            var same = rows.Skip(i).Concat(rows.Take(i)).Where(r => (string)r["language"]! == language).Take(4).Select(r => (string)r["text"]!).ToList();
            if (i % 3 == 0) same.Insert(1, english[i % english.Count] + "\n" + english[(i + 1) % english.Count]);
            var text = string.Join("\n", same);
            var quick = stopping.Identify(text, (string?)rows[i]["language_declared"], (string?)rows[i]["url"]);
            var full = whole.Identify(text, (string?)rows[i]["language_declared"], (string?)rows[i]["url"]);
            if (quick.Code != full.Code) labels++;
            if (quick.Mixed != full.Mixed) differ++;
            if (quick.Mixed) mixed++;
        }
        Assert.True(mixed > 0, "no document came out mixed");
        // The id/ms discriminator stopping at decisive odds after 250 characters can disagree with its reading of 1,000
        // where the text's later rows lean the other way (one of these 364 joined documents does).
        Assert.True(labels <= rows.Count / 100, $"{labels} of {rows.Count} documents' labels differ from reading whole");
        // A piece read to its clear opening can fall on the other side of the mixed share where its whole opening did not.
        Assert.True(differ <= rows.Count / 50, $"{differ} of {rows.Count} documents' mixed flags differ from reading whole");
        Assert.True(stopping.TrigramsRead < 0.8 * whole.TrigramsRead, $"{stopping.TrigramsRead} trigrams read against {whole.TrigramsRead} whole");
    }

    [Fact]
    public void The_discriminator_stopping_when_decisive_keeps_the_sign_of_reading_its_whole_bound()
    {
        var rows = Lines("idms-dslcc-sample.jsonl").ToList();
        int stopped = 0;
        foreach (var language in new[] { "id", "ms" })
        {
            var texts = rows.Where(r => (string)r["language"]! == language).Select(r => (string)r["text"]!).ToList();
            for (var i = 0; i + 4 <= texts.Count; i += 4)
            {
                var text = string.Join(" ", texts.Skip(i).Take(4));
                var whole = IdMsDiscriminator.Default.LogOdds(text);
                var quick = IdMsDiscriminator.Default.LogOdds(text, 24);
                Assert.True(Math.Sign(whole) == Math.Sign(quick), $"{language} {i}: {quick} against {whole}");
                Assert.True(Math.Abs(quick) >= 24 || Math.Abs(quick - whole) < 1e-6, $"{language} {i}: stopped at {quick} short of 24 ({whole} whole)");
                if (quick != whole) stopped++;
            }
        }
        Assert.True(stopped > 0, "the discriminator never stopped early");
    }

    [Fact]
    public void Undecidable_text_is_und_with_its_score()
    {
        var result = AllLanguages.Identify("12 34 56 !!");
        Assert.Equal("und", result.Code);
        Assert.InRange(result.Score, 0, 0.5);
    }

    [Fact]
    public void The_shipped_topic_model_beats_the_keyword_priors_on_sentences_in_each_seed_language()
    {
        var model = new TopicClassifier(TopicModel.Shipped, SectionDictionary.Default);
        var priors = new TopicClassifier(TopicModel.KeywordPriorsOnly, SectionDictionary.Default);
        foreach (var language in new[] { "id", "ms", "en" })
        {
            var rows = Lines("sib200-dev-sample.jsonl").Where(r => (string)r["language"]! == language).ToList();
            var trained = new ConfusionMatrix();
            var baseline = new ConfusionMatrix();
            foreach (var r in rows)
            {
                trained.Add((string)r["topic"]!, model.Classify((string)r["text"]!, null, null, null)?.Topic.Id ?? "none");
                baseline.Add((string)r["topic"]!, priors.Classify((string)r["text"]!, null, null, null)?.Topic.Id ?? "none");
            }
            // All 91 SIB-200 dev sentences of each seed language (shipped model: id 0.769, ms 0.725, en 0.791; priors
            // alone 0.626, 0.626, 0.615, which were 0.407, 0.341, 0.385 before the priors' general vocabulary).
            Assert.True(trained.Accuracy >= 0.7, $"{language}: {trained.Accuracy}");
            Assert.True(baseline.Accuracy >= 0.55, $"{language}: keyword priors alone {baseline.Accuracy}");
            Assert.True(trained.Accuracy > baseline.Accuracy + 0.08, $"{language}: {trained.Accuracy} vs keyword priors {baseline.Accuracy}");
        }
    }

    [Fact]
    public void The_annotator_uses_the_shipped_topic_model_unless_told_keywords()
    {
        Assert.NotNull(new Annotator([], new AnnotationSettings()).Topics.Model.Learned);
        Assert.Null(new Annotator([], new AnnotationSettings { TopicModel = "keywords" }).Topics.Model.Learned);
    }
}
