using Corpus.Cleaning.Quality.C4;
using Corpus.Cleaning.Quality.FineWeb;
using Corpus.Cleaning.Quality.Gopher;
using Corpus.Cleaning.Quality.GopherRepetition;
using Corpus.Core;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;

namespace Corpus.Cleaning.Quality;

/// <summary>
/// Turns the recipe's <c>quality:</c> section into the rule stages, in FineWeb's order: Gopher repetition, Gopher
/// quality, C4 (line pass, then its document rules), FineWeb. A family switched off (<c>enabled: false</c>) is left out.
/// </summary>
public static class QualityStages
{
    public static IReadOnlyList<IDocumentStage> Create(QualitySettings q, IReadOnlyList<string> languages)
    {
        var stages = new List<IDocumentStage>();
        if (q.GopherRepetition.Enabled) stages.Add(GopherRepetition(q.GopherRepetition));
        if (q.GopherQuality.Enabled) stages.Add(GopherQuality(q.GopherQuality, languages));
        if (q.C4.Enabled)
        {
            stages.Add(new C4LineStage(C4Lines(q.C4)));
            stages.Add(C4Rules(q.C4));
        }
        if (q.Fineweb.Enabled) stages.Add(FineWeb(q.Fineweb));
        return stages;
    }

    /// <summary>
    /// Every rule of <paramref name="stages"/> tried on its own (after the C4 line pass, as in the pipeline), not just
    /// the first that trips: what each rule alone would exclude, for re-thresholding.
    /// </summary>
    public static IEnumerable<(string Rule, string Value)> TripsEach(IReadOnlyList<IDocumentStage> stages, string text, string? language)
    {
        foreach (var stage in stages)
        {
            if (stage is C4.C4LineStage lines) { text = lines.Filter.Filter(text); continue; }
            if (stage is not QualityStage quality) continue;
            using var view = new TextView(text, language);
            foreach (var rule in quality.Rules)
                if (rule.Check(view) is { } value) yield return (rule.Name, value);
        }
    }

    public static QualityStage GopherRepetition(GopherRepetitionSettings s)
    {
        List<IQualityRule> rules =
        [
            new DuplicateSegmentsRule("gopher_rep.dup_paragraph_fraction", paragraphs: true, byCharacters: false, s.MaxDupParagraphFraction),
            new DuplicateSegmentsRule("gopher_rep.dup_paragraph_char_fraction", paragraphs: true, byCharacters: true, s.MaxDupParagraphCharFraction),
            new DuplicateSegmentsRule("gopher_rep.dup_line_fraction", paragraphs: false, byCharacters: false, s.MaxDupLineFraction),
            new DuplicateSegmentsRule("gopher_rep.dup_line_char_fraction", paragraphs: false, byCharacters: true, s.MaxDupLineCharFraction),
            new TopNgramRule(2, s.MaxTop2gramShare),
            new TopNgramRule(3, s.MaxTop3gramShare),
            new TopNgramRule(4, s.MaxTop4gramShare),
            new DuplicateNgramRule(5, s.MaxDup5gramShare),
            new DuplicateNgramRule(6, s.MaxDup6gramShare),
            new DuplicateNgramRule(7, s.MaxDup7gramShare),
            new DuplicateNgramRule(8, s.MaxDup8gramShare),
            new DuplicateNgramRule(9, s.MaxDup9gramShare),
            new DuplicateNgramRule(10, s.MaxDup10gramShare),
        ];
        return new QualityStage("quality.gopher_repetition", rules);
    }

    public static QualityStage GopherQuality(GopherQualitySettings s, IReadOnlyList<string> languages)
    {
        // Every language the recipe accepts needs a stop-word list, or the rule would silently pass its documents.
        var missing = languages.Where(l => StopWords.Default.For(l) is null).ToList();
        if (missing.Count > 0)
            throw new CorpusUserException(
                $"quality.gopher_quality: no stop-word list for {string.Join(", ", missing.Select(l => $"'{l}'"))}. " +
                $"Lists exist for: {string.Join(" ", StopWords.Default.Languages)}; or set quality.gopher_quality.enabled: false.");
        List<IQualityRule> rules =
        [
            new GopherWordCountRule(s.MinWords, s.MaxWords),
            new GopherMeanWordLengthRule(s.MinMeanWordLength, s.MaxMeanWordLength),
            new GopherSymbolRatioRule(s.MaxSymbolWordRatio),
            new GopherBulletLinesRule(s.MaxBulletLinesRatio),
            new GopherEllipsisLinesRule(s.MaxEllipsisLinesRatio),
            new GopherAlphaWordsRule(s.MinAlphaWordsRatio),
            new GopherStopWordsRule(StopWords.Default, s.MinStopWords),
        ];
        return new QualityStage("quality.gopher_quality", rules);
    }

    public static C4LineFilter C4Lines(C4Settings s) => new(new C4LineOptions(
        s.DropJavascriptLines,
        s.DropPolicyLines,
        s.TerminalPunctuation,
        (int)s.MinWordsPerLine));

    public static QualityStage C4Rules(C4Settings s)
    {
        var rules = new List<IQualityRule>();
        if (s.DropLoremIpsum) rules.Add(new C4LoremIpsumRule());
        if (s.DropCurlyBracket) rules.Add(new C4CurlyBracketRule());
        rules.Add(new C4MinSentencesRule(s.MinSentences));
        return new QualityStage("quality.c4", rules);
    }

    public static QualityStage FineWeb(FineWebSettings s)
    {
        List<IQualityRule> rules =
        [
            new LinePunctuationRule(s.MinLinePunctRatio),
            new ShortLinesRule(s.MaxShortLineRatio, (int)s.ShortLineLength),
            new DuplicateLineCharsRule(s.MaxDupLineCharRatio),
        ];
        return new QualityStage("quality.fineweb", rules);
    }
}
