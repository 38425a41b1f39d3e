namespace Corpus.Annotation.Topics;

/// <summary>What the topic stage says about one document. <see cref="Source"/> is <c>metadata</c> or <c>text</c>.</summary>
public sealed record TopicResult(IptcTopic Topic, double Score, string Source, IptcTopic? Second);
