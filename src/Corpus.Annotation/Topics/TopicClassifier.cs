using Corpus.Core.Recipes;

namespace Corpus.Annotation.Topics;

/// <summary>
/// Picks a document's topic. The page's own filing wins when the section dictionary knows it, in this order: the
/// section the page declares (JSON-LD <c>articleSection</c>, <c>article:section</c>), then URL path segments, then the
/// sub-domain. Otherwise the text model decides, and says nothing when its evidence is too thin. A second topic is
/// given when the text supports another topic at least <see cref="SecondTopicRatio"/> as strongly as the first.
/// </summary>
public sealed class TopicClassifier(TopicModel model, SectionDictionary sections)
{
    /// <summary>Below this much keyword evidence the text says nothing (e.g. a language the priors do not cover).</summary>
    public double MinEvidence { get; init; } = AnnotationSettings.Default.TopicMinEvidence;

    public double SecondTopicRatio { get; init; } = 0.6;

    public TopicModel Model => model;

    /// <summary>With a trained model: below this probability of the best topic the text says nothing.</summary>
    public double MinProbability { get; init; } = 0;

    public TopicResult? Classify(string text, string? title, string? section, string? url)
    {
        var fromMetadata = FromMetadata(section, url);
        if (model.Learned is not null) return ClassifyLearned(text, title, fromMetadata);
        var scores = model.Score(text, title);
        var ranked = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        var total = scores.Sum();
        if (fromMetadata is { } meta)
        {
            // The text may still add a second topic (a sport section story about a doping trial).
            var textTop = ranked.FirstOrDefault(i => model.Topics[i].Id != meta.Topic.Id);
            IptcTopic? second = total > 0 && scores[textTop] >= MinEvidence && scores[textTop] / total >= 0.35 ? model.Topics[textTop] : null;
            return meta with { Second = second };
        }
        var best = ranked[0];
        if (scores[best] < MinEvidence) return null;
        // Confidence: the best topic's share of all evidence, discounted when the evidence is thin overall.
        var share = scores[best] / total;
        var score = share * (1 - Math.Exp(-scores[best] / 4));
        var runnerUp = ranked[1];
        IptcTopic? secondTopic = scores[runnerUp] >= SecondTopicRatio * scores[best] ? model.Topics[runnerUp] : null;
        return new TopicResult(model.Topics[best], Math.Round(score, 4), "text", secondTopic);
    }

    private TopicResult? ClassifyLearned(string text, string? title, TopicResult? fromMetadata)
    {
        if (string.IsNullOrWhiteSpace(text) && string.IsNullOrWhiteSpace(title)) return fromMetadata;
        var p = Features.LinearModel.Softmax(model.Score(text, title));
        var ranked = Enumerable.Range(0, p.Length).OrderByDescending(i => p[i]).ThenBy(i => i).ToArray();
        if (fromMetadata is { } meta)
        {
            var textTop = ranked.First(i => model.Topics[i].Id != meta.Topic.Id);
            return meta with { Second = p[textTop] >= 0.35 ? model.Topics[textTop] : null };
        }
        var best = ranked[0];
        if (p[best] < MinProbability) return null;
        var runnerUp = ranked[1];
        IptcTopic? second = p[runnerUp] >= SecondTopicRatio * p[best] ? model.Topics[runnerUp] : null;
        return new TopicResult(model.Topics[best], Math.Round(p[best], 4), "text", second);
    }

    /// <summary>The topic the page's own filing gives (declared section, then URL path, then sub-domain), if the section table knows it.</summary>
    public TopicResult? FromMetadata(string? section, string? url)
    {
        if (Declared(section) is { } declared) return new TopicResult(declared, 0.95, "metadata", null);
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // The last segment is the article's own slug, which names words of the story rather than its filing.
        for (var i = 0; i < segments.Length - 1; i++)
        {
            // Non-Latin paths arrive percent-encoded (/%D1%81%D0%BF%D0%BE%D1%80%D1%82/ is /спорт/).
            var segment = segments[i].Contains('%') ? Uri.UnescapeDataString(segments[i]) : segments[i];
            if (sections.Lookup(segment) is { } inPath) return new TopicResult(inPath, 0.9, "metadata", null);
        }
        var labels = uri.Host.Split('.');
        for (var i = 0; i < labels.Length - 2; i++)
            if (labels[i] is not ("www" or "m") && sections.Lookup(labels[i]) is { } sub) return new TopicResult(sub, 0.85, "metadata", null);
        return null;
    }

    private static readonly char[] SectionSeparators = [',', ';', '|', '>', '/', '»', '›'];

    // A declared section may be a list or a breadcrumb ("game,news,slider", "Sport > Football"): the whole first,
    // then each part in its order.
    private IptcTopic? Declared(string? section)
    {
        if (string.IsNullOrWhiteSpace(section)) return null;
        if (sections.Lookup(section) is { } whole) return whole;
        if (section.IndexOfAny(SectionSeparators) < 0) return null;
        foreach (var part in section.Split(SectionSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (sections.Lookup(part) is { } topic) return topic;
        return null;
    }
}
