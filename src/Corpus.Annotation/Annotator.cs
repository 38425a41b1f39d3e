using Corpus.Annotation.Counts;
using Corpus.Annotation.Language;
using Corpus.Annotation.Topics;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;

namespace Corpus.Annotation;

/// <summary>
/// The annotation stages built from a recipe's settings, in their order: language, topic, counts. The build, the
/// <c>annotate</c> command, its evaluation and the benchmark all go through here, so they measure the same thing.
/// </summary>
public sealed class Annotator
{
    /// <param name="candidates">Candidate languages (ISO 639-1); empty means every language the detector knows.</param>
    public Annotator(IReadOnlyCollection<string> candidates, AnnotationSettings settings, Func<string, string>? resolvePath = null)
    {
        Language = new LanguageIdentifier(candidates)
        {
            MinConfidence = settings.MinLanguageConfidence,
            DeclaredFactor = settings.DeclaredLanguageFactor,
            DomainFactor = settings.DomainLanguageFactor,
            MixedShare = settings.MixedLanguageShare,
        };
        var model = settings.TopicModel switch
        {
            null or "" => TopicModel.Shipped,
            "keywords" => TopicModel.KeywordPriorsOnly,
            var file => TopicModel.Load((resolvePath ?? Path.GetFullPath)(file)),
        };
        Topics = new TopicClassifier(model, SectionDictionary.Default) { MinEvidence = settings.TopicMinEvidence };
        // Built once: the stages hold no state of their own beyond the identifier and classifier.
        _stages = [new LanguageStage(Language), new TopicStage(Topics), new CountsStage()];
    }

    private readonly IDocumentStage[] _stages;

    public LanguageIdentifier Language { get; }
    public TopicClassifier Topics { get; }

    public IReadOnlyList<IDocumentStage> Stages => _stages;

    public Document Annotate(Document document)
    {
        foreach (var stage in _stages) document = stage.Process(document);
        return document;
    }
}
