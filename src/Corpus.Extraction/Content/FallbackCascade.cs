namespace Corpus.Extraction.Content;

/// <summary>How much prose the page holds outside its chrome: what the main candidate is measured against.</summary>
public readonly record struct PageEvidence(int ParagraphChars, int Paragraphs)
{
    public static PageEvidence Of(PageTree tree, ExtractionRules rules)
    {
        var s = tree.StatsOf(tree.Root);
        return new PageEvidence(s.ParagraphChars, s.Paragraphs);
    }
}

/// <summary>
/// The comparison behind the fallback cascade. The main candidate is suspect when it is short, has few paragraphs, or
/// holds a small share of the page's prose; then each alternative (a runner-up container, a readability-style scored
/// container, the baseline of every paragraph-like block) replaces it only if it is clearly longer and not a link
/// list. Every threshold is a <c>fallback_*</c> setting of the extraction table, which the focus setting moves.
/// </summary>
public sealed class FallbackCascade(ExtractionRules rules)
{
    private readonly double _minChars = rules.Setting("fallback_min_chars");
    private readonly double _minParagraphs = rules.Setting("fallback_min_paragraphs");
    private readonly double _pageShare = rules.Setting("fallback_page_share");
    private readonly double _gain = rules.Setting("fallback_gain");
    private readonly double _baselineGain = rules.Setting("fallback_baseline_gain");
    private readonly double _maxLinkDensity = rules.Setting("fallback_max_link_density");
    private readonly double _paragraphChars = rules.Setting("baseline_min_chars");

    public bool Suspects(MainContent main, PageEvidence page)
    {
        var (chars, paragraphs) = Measure(main);
        return chars < _minChars || paragraphs < _minParagraphs || chars < _pageShare * page.ParagraphChars;
    }

    public MainContent Choose(MainContent main, IReadOnlyList<(string Name, MainContent Content)> alternatives)
    {
        var (mainChars, _) = Measure(main);
        var best = main;
        var bestChars = mainChars;
        foreach (var (name, alternative) in alternatives)
        {
            var (chars, _) = Measure(alternative);
            if (chars == 0) continue;
            // Nothing beats something: a page with article-like paragraphs never comes back empty.
            if (bestChars == 0) { (best, bestChars) = (alternative, chars); continue; }
            if (alternative.LinkDensity > _maxLinkDensity) continue;
            // The baseline gathers every prose block, comments and teasers included: it only stands in for a short main.
            if (name == "baseline" && mainChars >= _minChars) continue;
            var gain = name == "baseline" ? _baselineGain : _gain;
            if (chars >= gain * mainChars && chars > bestChars) (best, bestChars) = (alternative, chars);
        }
        return best;
    }

    private (int Chars, int Paragraphs) Measure(MainContent content)
    {
        int chars = 0, paragraphs = 0;
        foreach (var line in content.Lines)
        {
            chars += line.Length;
            if (line.Length >= _paragraphChars) paragraphs++;
        }
        return (chars, paragraphs);
    }
}
