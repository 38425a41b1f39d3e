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
        double N(string key, double? value) => QualityDefaults.Number("gopher_repetition." + key, value);
        List<IQualityRule> rules =
        [
            new DuplicateSegmentsRule("gopher_rep.dup_paragraph_fraction", paragraphs: true, byCharacters: false, N("max_dup_paragraph_fraction", s.MaxDupParagraphFraction)),
            new DuplicateSegmentsRule("gopher_rep.dup_paragraph_char_fraction", paragraphs: true, byCharacters: true, N("max_dup_paragraph_char_fraction", s.MaxDupParagraphCharFraction)),
            new DuplicateSegmentsRule("gopher_rep.dup_line_fraction", paragraphs: false, byCharacters: false, N("max_dup_line_fraction", s.MaxDupLineFraction)),
            new DuplicateSegmentsRule("gopher_rep.dup_line_char_fraction", paragraphs: false, byCharacters: true, N("max_dup_line_char_fraction", s.MaxDupLineCharFraction)),
            new TopNgramRule(2, N("max_top2gram_share", s.MaxTop2gramShare)),
            new TopNgramRule(3, N("max_top3gram_share", s.MaxTop3gramShare)),
            new TopNgramRule(4, N("max_top4gram_share", s.MaxTop4gramShare)),
            new DuplicateNgramRule(5, N("max_dup5gram_share", s.MaxDup5gramShare)),
            new DuplicateNgramRule(6, N("max_dup6gram_share", s.MaxDup6gramShare)),
            new DuplicateNgramRule(7, N("max_dup7gram_share", s.MaxDup7gramShare)),
            new DuplicateNgramRule(8, N("max_dup8gram_share", s.MaxDup8gramShare)),
            new DuplicateNgramRule(9, N("max_dup9gram_share", s.MaxDup9gramShare)),
            new DuplicateNgramRule(10, N("max_dup10gram_share", s.MaxDup10gramShare)),
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
        double N(string key, double? value) => QualityDefaults.Number("gopher_quality." + key, value);
        List<IQualityRule> rules =
        [
            new GopherWordCountRule(N("min_words", s.MinWords), N("max_words", s.MaxWords)),
            new GopherMeanWordLengthRule(N("min_mean_word_length", s.MinMeanWordLength), N("max_mean_word_length", s.MaxMeanWordLength)),
            new GopherSymbolRatioRule(N("max_symbol_word_ratio", s.MaxSymbolWordRatio)),
            new GopherBulletLinesRule(N("max_bullet_lines_ratio", s.MaxBulletLinesRatio)),
            new GopherEllipsisLinesRule(N("max_ellipsis_lines_ratio", s.MaxEllipsisLinesRatio)),
            new GopherAlphaWordsRule(N("min_alpha_words_ratio", s.MinAlphaWordsRatio)),
            new GopherStopWordsRule(StopWords.Default, N("min_stop_words", s.MinStopWords)),
        ];
        return new QualityStage("quality.gopher_quality", rules);
    }

    public static C4LineFilter C4Lines(C4Settings s) => new(new C4LineOptions(
        QualityDefaults.Flag("c4.drop_javascript_lines", s.DropJavascriptLines),
        QualityDefaults.Flag("c4.drop_policy_lines", s.DropPolicyLines),
        QualityDefaults.Flag("c4.terminal_punctuation", s.TerminalPunctuation),
        (int)QualityDefaults.Number("c4.min_words_per_line", s.MinWordsPerLine)));

    public static QualityStage C4Rules(C4Settings s)
    {
        var rules = new List<IQualityRule>();
        if (QualityDefaults.Flag("c4.drop_lorem_ipsum", s.DropLoremIpsum)) rules.Add(new C4LoremIpsumRule());
        if (QualityDefaults.Flag("c4.drop_curly_bracket", s.DropCurlyBracket)) rules.Add(new C4CurlyBracketRule());
        rules.Add(new C4MinSentencesRule(QualityDefaults.Number("c4.min_sentences", s.MinSentences)));
        return new QualityStage("quality.c4", rules);
    }

    public static QualityStage FineWeb(FineWebSettings s)
    {
        double N(string key, double? value) => QualityDefaults.Number("fineweb." + key, value);
        List<IQualityRule> rules =
        [
            new LinePunctuationRule(N("min_line_punct_ratio", s.MinLinePunctRatio)),
            new ShortLinesRule(N("max_short_line_ratio", s.MaxShortLineRatio), (int)N("short_line_length", s.ShortLineLength)),
            new DuplicateLineCharsRule(N("max_dup_line_char_ratio", s.MaxDupLineCharRatio)),
        ];
        return new QualityStage("quality.fineweb", rules);
    }
}
