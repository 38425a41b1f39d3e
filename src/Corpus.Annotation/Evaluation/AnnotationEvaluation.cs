using Corpus.Annotation.Topics;
using Corpus.Core.Documents;

namespace Corpus.Annotation.Evaluation;

/// <summary>
/// Scores annotations against gold labels, per evaluation file and gold language: language by the first-stage detector
/// alone, by the text (detector plus the Indonesian/Malay discriminator) and with page evidence; the Indonesian/Malay
/// subset with its confusion both ways; topics by the trained model next to the keyword-prior baseline (accuracy,
/// macro-F1, confusion). A document without a predicted topic counts as <c>none</c>, i.e. wrong.
/// </summary>
public sealed class AnnotationEvaluation(TopicClassifier? baseline = null)
{
    public const string NoTopic = "none";

    public ConfusionMatrix Language { get; } = new();
    public ConfusionMatrix DetectorAlone { get; } = new();
    public ConfusionMatrix TextAlone { get; } = new();
    public ConfusionMatrix IdMs { get; } = new();
    public ConfusionMatrix IdMsDetectorAlone { get; } = new();
    public ConfusionMatrix IdMsText { get; } = new();
    public ConfusionMatrix Topic { get; } = new();
    public ConfusionMatrix TopicBaseline { get; } = new();
    public int Documents { get; private set; }

    /// <summary>Per (file, gold language): the same matrices for that group alone.</summary>
    public SortedDictionary<string, Group> Groups { get; } = new(StringComparer.Ordinal);

    public sealed class Group
    {
        public ConfusionMatrix Language { get; } = new();
        public ConfusionMatrix DetectorAlone { get; } = new();
        public ConfusionMatrix TextAlone { get; } = new();
        public ConfusionMatrix Topic { get; } = new();
        public ConfusionMatrix TopicBaseline { get; } = new();
    }

    public void Add(Annotator annotator, Document input, string? goldLanguage, string? goldTopic, string group = "")
    {
        Documents++;
        var g = GroupOf($"{group}\t{goldLanguage ?? "-"}");
        if (goldLanguage is not null)
        {
            var result = annotator.Language.Identify(input.Text, input.LanguageDeclared, input.Url);
            Language.Add(goldLanguage, result.Code);
            DetectorAlone.Add(goldLanguage, result.DetectorCode);
            TextAlone.Add(goldLanguage, result.TextCode);
            g.Language.Add(goldLanguage, result.Code);
            g.DetectorAlone.Add(goldLanguage, result.DetectorCode);
            g.TextAlone.Add(goldLanguage, result.TextCode);
            if (goldLanguage is "id" or "ms")
            {
                IdMs.Add(goldLanguage, result.Code);
                IdMsDetectorAlone.Add(goldLanguage, result.DetectorCode);
                IdMsText.Add(goldLanguage, result.TextCode);
            }
        }
        if (goldTopic is not null)
        {
            var gold = IptcTopics.Get(goldTopic).Id;
            var predicted = annotator.Topics.Classify(input.Text, input.Title, input.Section, input.Url)?.Topic.Id ?? NoTopic;
            Topic.Add(gold, predicted);
            g.Topic.Add(gold, predicted);
            if (baseline is not null)
            {
                var base_ = baseline.Classify(input.Text, input.Title, input.Section, input.Url)?.Topic.Id ?? NoTopic;
                TopicBaseline.Add(gold, base_);
                g.TopicBaseline.Add(gold, base_);
            }
        }
    }

    private Group GroupOf(string key)
    {
        if (!Groups.TryGetValue(key, out var g)) Groups[key] = g = new Group();
        return g;
    }

    /// <summary>A topic's short key for tables (<c>medtop:15000000</c> → <c>sport</c>).</summary>
    public static string ShortName(string label) => IptcTopics.Find(label)?.Key ?? label;
}
