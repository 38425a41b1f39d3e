using Lingua;

namespace Corpus.Annotation.Language;

/// <summary>
/// Lingua over the whole text, restricted to the candidate languages, then combined with the page's own evidence:
/// <list type="number">
/// <item>Lingua gives a confidence per candidate (they sum to 1). On news-length Indonesian it often leans to
/// Malay with high confidence, so confidence alone cannot settle the pair.</item>
/// <item>Inside a confusable group the detector's odds are flattened (<see cref="GroupTemperature"/>), keeping its
/// direction but not its overconfidence; the group's total stays as the detector gave it.</item>
/// <item>Spelling markers (<c>Data/language-markers.tsv</c>: <c>bahwa</c>/<c>bahawa</c>, <c>karena</c>/<c>kerana</c>,
/// <c>polisi</c>/<c>polis</c>) multiply their language's confidence by <see cref="MarkerFactor"/> per occurrence, up to
/// <see cref="MaxMarkers"/>; they are standard spelling and word-choice differences, not topic words, so they hold
/// for any subject.</item>
/// <item>The declared language multiplies its language's confidence by <see cref="DeclaredFactor"/>, the host's
/// country domain by <see cref="DomainFactor"/>, and the confidences are normalised again: Bayes' rule with the
/// evidence as a likelihood ratio.</item>
/// <item>Evidence only moves confidence between languages of one confusable group (Indonesian and Malay). Across
/// groups the detector is reliable on a whole article, while declarations are not: many sites keep a template's
/// <c>lang="en"</c>. A factor of 4 turns a 0.7/0.3 split, but not the 0.99/0.01 the detector gives a clearly Malay
/// article on an Indonesian domain.</item>
/// </list>
/// Below <see cref="MinConfidence"/> the language is <c>und</c>.
/// </summary>
public sealed class LanguageIdentifier
{
    private readonly LanguageDetector _detector;
    // Paragraphs only need telling apart languages of different groups, which Lingua's low-accuracy mode (trigrams
    // only) does well at paragraph length and at a fraction of the cost; Indonesian against Malay is never asked of it.
    private readonly LanguageDetector _paragraphDetector;

    public LanguageIdentifier(IReadOnlyCollection<string> candidates)
    {
        var languages = candidates.Select(ToLingua).Distinct().ToArray();
        Candidates = languages.Select(Code).ToArray();
        var builder = languages.Length >= 2 ? LanguageDetectorBuilder.FromLanguages(languages) : LanguageDetectorBuilder.FromAllLanguages();
        _detector = builder.Build();
        _paragraphDetector = (languages.Length >= 2 ? LanguageDetectorBuilder.FromLanguages(languages) : LanguageDetectorBuilder.FromAllLanguages())
            .WithLowAccuracyMode().Build();
    }

    public IReadOnlyList<string> Candidates { get; }

    public double MinConfidence { get; init; } = 0.5;
    public double DeclaredFactor { get; init; } = 4;
    public double DomainFactor { get; init; } = 3;
    /// <summary>How much each spelling marker (<c>bahwa</c> against <c>bahawa</c>) multiplies its language's confidence.</summary>
    public double MarkerFactor { get; init; } = 2;
    /// <summary>
    /// Exponent applied to the detector's odds inside a confusable group before other evidence is weighed. Lingua's
    /// odds between Indonesian and Malay are far too sure on news text (0.99 for the wrong one is common), so they are
    /// flattened: 0.99/0.01 (99:1) becomes about 5:1 with 0.35.
    /// </summary>
    public double GroupTemperature { get; init; } = 0.35;
    /// <summary>At most this many markers count per language, so a long article cannot reach an infinite ratio.</summary>
    public int MaxMarkers { get; init; } = 40;
    /// <summary>Share of the text (in characters) in another language from which a document is flagged mixed.</summary>
    public double MixedShare { get; init; } = 0.2;
    /// <summary>Paragraphs the mixed-language check reads at most (evenly spaced through the text).</summary>
    public int MaxParagraphs { get; init; } = 8;
    /// <summary>False skips the paragraph-level check (it costs a second detector pass over the text).</summary>
    public bool CheckMixed { get; init; } = true;

    public LanguageResult Identify(string text, string? declared = null, string? url = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return new LanguageResult("und", 0, "und", 0, false);
        var confidences = Confidences(text);
        var (detectorCode, detectorScore) = Best(confidences);
        Temper(confidences);
        foreach (var (language, count) in SpellingMarkers.Count(text))
            Weigh(confidences, language, Math.Pow(MarkerFactor, Math.Min(count, MaxMarkers)));
        Weigh(confidences, declared, DeclaredFactor);
        Weigh(confidences, PageEvidence.FromDomain(url), DomainFactor);
        var (code, score) = Best(confidences);
        if (score < MinConfidence) code = "und";
        if (detectorScore < MinConfidence) detectorCode = "und";
        var mixed = CheckMixed && code != "und" && IsMixed(text, code);
        return new LanguageResult(code, Math.Round(score, 4), detectorCode, Math.Round(detectorScore, 4), mixed);
    }

    private Dictionary<string, double> Confidences(string text) => Confidences(_detector, text);

    private static Dictionary<string, double> Confidences(LanguageDetector detector, string text)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (language, value) in detector.ComputeLanguageConfidenceValues(text))
            map[Code(language)] = value;
        return map;
    }

    private static void Weigh(Dictionary<string, double> confidences, string? evidence, double factor)
    {
        if (evidence is null || !confidences.ContainsKey(evidence)) return;
        // Only the confusable group of the evidence takes part; the mass outside it stays where it is.
        var group = confidences.Keys.Where(k => PageEvidence.Confusable(k, evidence)).ToList();
        if (group.Count < 2) return;
        var before = group.Sum(k => confidences[k]);
        confidences[evidence] *= factor;
        var after = group.Sum(k => confidences[k]);
        if (after <= 0) return;
        foreach (var k in group) confidences[k] *= before / after;
    }

    private void Temper(Dictionary<string, double> confidences)
    {
        foreach (var group in confidences.Keys.GroupBy(k => confidences.Keys.Where(o => PageEvidence.Confusable(k, o)).Min(StringComparer.Ordinal)).ToList())
        {
            var members = group.ToList();
            if (members.Count < 2) continue;
            var before = members.Sum(k => confidences[k]);
            foreach (var k in members) confidences[k] = Math.Pow(confidences[k], GroupTemperature);
            var after = members.Sum(k => confidences[k]);
            foreach (var k in members) confidences[k] *= before / after;
        }
    }

    private static (string Code, double Score) Best(Dictionary<string, double> confidences)
    {
        var best = ("und", 0.0);
        foreach (var (code, value) in confidences.OrderBy(p => p.Key, StringComparer.Ordinal))
            if (value > best.Item2) best = (code, value);
        return best;
    }

    /// <summary>
    /// Paragraph-level check: paragraphs of at least 40 characters (up to <see cref="MaxParagraphs"/> of them) that the detector places confidently (≥ 0.8) in a
    /// language outside the document's confusable group count against the document; Indonesian and Malay paragraphs
    /// of one article are not "mixed", since a single paragraph is too short to tell them apart reliably.
    /// </summary>
    private bool IsMixed(string text, string documentLanguage)
    {
        var paragraphs = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (paragraphs.Length < 2) return false;
        // Up to MaxParagraphs evenly spaced paragraphs stand for the article: the share they give is the estimate, and
        // the cost stays flat however long the article is.
        var checkable = paragraphs.Where(p => p.Length >= 40).ToList();
        if (checkable.Count == 0) return false;
        var step = Math.Max(1.0, checkable.Count / (double)MaxParagraphs);
        double total = 0, other = 0;
        for (var k = 0.0; (int)k < checkable.Count; k += step)
        {
            var paragraph = checkable[(int)k];
            total += paragraph.Length;
            // A paragraph's opening says which language group it is in; the rest of it only costs time.
            var (code, score) = Best(Confidences(_paragraphDetector, Opening(paragraph)));
            if (score >= 0.8 && !PageEvidence.Confusable(code, documentLanguage)) other += paragraph.Length;
        }
        return other >= MixedShare * total;
    }

    private static string Opening(string paragraph)
    {
        const int length = 200;
        if (paragraph.Length <= length) return paragraph;
        var cut = paragraph.LastIndexOf(' ', length);
        return paragraph[..(cut > 40 ? cut : length)];
    }

    private static string Code(Lingua.Language language) => LanguageInfo.IsoCode6391(language).ToString().ToLowerInvariant();

    private static Lingua.Language ToLingua(string iso6391)
    {
        if (Enum.TryParse<IsoCode6391>(iso6391, ignoreCase: true, out var code) && code != IsoCode6391.None)
            return LanguageInfo.GetByIsoCode6391(code);
        throw new Corpus.Core.CorpusUserException($"Language '{iso6391}' is not one the detector knows (use ISO 639-1 codes such as 'id' or 'en').");
    }
}
