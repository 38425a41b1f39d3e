using Corpus.Annotation.Language;
using Corpus.Annotation.Topics;
using Corpus.Core.Documents;

namespace Corpus.Annotation.Evaluation;

/// <summary>
/// Scores annotations against gold labels: language with page evidence and with the detector alone (so the gain of
/// the combination is visible), the Indonesian/Malay subset on its own, and topics (accuracy, macro-F1, confusion).
/// A document without a predicted topic counts as <c>none</c>, i.e. wrong.
/// </summary>
public sealed class AnnotationEvaluation
{
    public const string NoTopic = "none";

    public ConfusionMatrix Language { get; } = new();
    public ConfusionMatrix DetectorAlone { get; } = new();
    public ConfusionMatrix IdMs { get; } = new();
    public ConfusionMatrix IdMsDetectorAlone { get; } = new();
    public ConfusionMatrix Topic { get; } = new();
    public int Documents { get; private set; }

    public void Add(Annotator annotator, Document input, string? goldLanguage, string? goldTopic)
    {
        Documents++;
        if (goldLanguage is not null)
        {
            var result = annotator.Language.Identify(input.Text, input.LanguageDeclared, input.Url);
            Language.Add(goldLanguage, result.Code);
            DetectorAlone.Add(goldLanguage, result.DetectorCode);
            if (goldLanguage is "id" or "ms")
            {
                IdMs.Add(goldLanguage, result.Code);
                IdMsDetectorAlone.Add(goldLanguage, result.DetectorCode);
            }
        }
        if (goldTopic is not null)
        {
            var gold = IptcTopics.Get(goldTopic).Id;
            var predicted = annotator.Topics.Classify(input.Text, input.Title, input.Section, input.Url);
            Topic.Add(gold, predicted?.Topic.Id ?? NoTopic);
        }
    }

    /// <summary>A topic's short key for tables (<c>medtop:15000000</c> → <c>sport</c>).</summary>
    public static string ShortName(string label) => IptcTopics.Find(label)?.Key ?? label;
}
