using Corpus.Core.Documents;
using Corpus.Core.Pipeline;

namespace Corpus.Cleaning.Quality;

/// <summary>
/// Runs one family of rules (Gopher, C4, FineWeb) in order; the first rule that trips excludes the document with its
/// name and value. The bookkeeping lives here once, so each rule stays a few lines.
/// </summary>
public sealed class QualityStage(string name, IReadOnlyList<IQualityRule> rules) : IDocumentStage
{
    public string Name { get; } = name;
    public IReadOnlyList<IQualityRule> Rules { get; } = rules;

    public Document Process(Document document)
    {
        using var view = new TextView(document.Text, document.Language);
        foreach (var rule in Rules)
            if (rule.Check(view) is { } value) return document.Exclude(rule.Name, value);
        return document;
    }

    /// <summary>The first rule that trips on <paramref name="text"/>, for <c>corpus filter</c> and tests.</summary>
    public (string Rule, string Value)? FirstTripped(string text, string? language)
    {
        using var view = new TextView(text, language);
        foreach (var rule in Rules)
            if (rule.Check(view) is { } value) return (rule.Name, value);
        return null;
    }
}
