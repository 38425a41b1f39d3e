using Corpus.Core.Documents;
using Corpus.Core.Pipeline;

namespace Corpus.Annotation.Topics;

/// <summary>Sets the IPTC topic (and a second one when the evidence supports two) from metadata, else from the text.</summary>
public sealed class TopicStage(TopicClassifier classifier) : IDocumentStage
{
    public string Name => "annotate.topic";

    public Document Process(Document document)
    {
        var result = classifier.Classify(document.Text, document.Title, document.Section, document.Url);
        if (result is null) return document;
        return document with
        {
            Topic = result.Topic.Id,
            TopicLabel = result.Topic.Label,
            TopicScore = result.Score,
            TopicSource = result.Source,
            Topic2 = result.Second?.Id,
        };
    }
}
