using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Lingua;

namespace Corpus.Annotation.Language;

/// <summary>
/// Detects the language of the whole text with Lingua, restricted to the recipe's languages when given.
/// Below <see cref="MinConfidence"/> the language is <c>und</c>.
/// </summary>
public sealed class LanguageStage : IDocumentStage
{
    private readonly LanguageDetector _detector;

    public LanguageStage(IReadOnlyCollection<string> candidates)
    {
        var languages = candidates.Select(ToLingua).ToArray();
        var builder = languages.Length >= 2 ? LanguageDetectorBuilder.FromLanguages(languages) : LanguageDetectorBuilder.FromAllLanguages();
        _detector = builder.Build();
    }

    public double MinConfidence { get; init; } = 0.5;

    public string Name => "annotate.language";

    public Document Process(Document document)
    {
        var (code, score) = Detect(document.Text);
        return document with { Language = code, LanguageScore = score };
    }

    public (string Code, double Score) Detect(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return ("und", 0);
        var best = _detector.ComputeLanguageConfidenceValues(text).FirstOrDefault();
        if (best.Value < MinConfidence) return ("und", Math.Round(best.Value, 4));
        return (LanguageInfo.IsoCode6391(best.Key).ToString().ToLowerInvariant(), Math.Round(best.Value, 4));
    }

    private static Lingua.Language ToLingua(string iso6391)
    {
        if (Enum.TryParse<IsoCode6391>(iso6391, ignoreCase: true, out var code) && code != IsoCode6391.None)
            return LanguageInfo.GetByIsoCode6391(code);
        throw new Corpus.Core.CorpusUserException($"Language '{iso6391}' in the recipe is not one the detector knows.");
    }
}
