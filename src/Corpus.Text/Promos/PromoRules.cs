namespace Corpus.Text.Promos;

/// <summary>A lead phrase of one language, as written in the table and folded for matching.</summary>
public sealed record LeadPhrase(string Language, string Phrase, int WordCount);

/// <summary>A line of in-body noise (advertising label, scroll prompt, follow or newsletter prompt).</summary>
public sealed record NoisePhrase(string Rule, string Language, bool WholeLine, string Phrase);

/// <summary>
/// The rule table both promo passes share, loaded once from <c>Data/</c>: lead phrases, noise lines, class/id
/// markers of related-article boxes and markers of leaked ad script. Thresholds are options, not constants.
/// </summary>
public sealed class PromoRules
{
    public IReadOnlyList<LeadPhrase> Phrases { get; }
    public IReadOnlyList<NoisePhrase> Noise { get; }
    public IReadOnlyList<string> BoxTokens { get; }
    public IReadOnlyList<string> AdScriptMarkers { get; }

    /// <summary>(language, folded phrase) pairs, longest phrase first.</summary>
    public IEnumerable<(string Language, string Phrase)> LeadPhrases => Phrases.Select(p => (p.Language, p.Phrase));

    /// <summary>Promo lines are short: a line with more words than this is never removed by a lead phrase.</summary>
    public int MaxPromoWords { get; init; } = 25;
    /// <summary>A "prefix" noise line (newsletter or follow prompt) longer than this is prose, not a prompt.</summary>
    public int MaxNoiseWords { get; init; } = 30;
    /// <summary>A block inside a related-articles box is removed when it has at most this many words.</summary>
    public int MaxBoxWords { get; init; } = 60;
    /// <summary>A block that is all same-site link is a teaser when it has at most this many words.</summary>
    public int MaxLinkBlockWords { get; init; } = 25;
    /// <summary>Share of a block's text that must be link text for the link-block rule.</summary>
    public double MinLinkShare { get; init; } = 0.8;
    /// <summary>A heading (h1–h6) of at most this many words that opens with a lead phrase titles a teaser list.</summary>
    public int MaxHeadingWords { get; init; } = 8;
    /// <summary>A headline after a lead phrase without punctuation has at most this many words.</summary>
    public int MaxHeadlineWords { get; init; } = 15;
    /// <summary>After a lone lead phrase ("Baca juga:"), the next headline line is taken with it, and up to this many in all when they are a bulleted list.</summary>
    public int MaxHeadlinesAfterLabel { get; init; } = 3;

    private PromoRules(IReadOnlyList<LeadPhrase> phrases, IReadOnlyList<NoisePhrase> noise, IReadOnlyList<string> boxTokens, IReadOnlyList<string> adScript)
    {
        Phrases = phrases;
        Noise = noise;
        BoxTokens = boxTokens;
        AdScriptMarkers = adScript;
    }

    public static PromoRules Default { get; } = Load();

    private static PromoRules Load()
    {
        var phrases = new List<LeadPhrase>();
        foreach (var (cols, line) in DataFiles.Rows("promo-lead-phrases.tsv", 2))
        {
            var key = PromoKey.Fold(cols[1]);
            if (key.Length == 0) throw new FormatException($"promo-lead-phrases.tsv: empty phrase on '{line}'");
            phrases.Add(new LeadPhrase(cols[0], key, key.Split(' ').Length));
        }
        var noise = new List<NoisePhrase>();
        foreach (var (cols, line) in DataFiles.Rows("promo-noise.tsv", 4))
        {
            if (cols[2] is not ("line" or "prefix")) throw new FormatException($"promo-noise.tsv: match must be line or prefix on '{line}'");
            noise.Add(new NoisePhrase(cols[0], cols[1], cols[2] == "line", PromoKey.Fold(cols[3])));
        }
        return new PromoRules(
            phrases.DistinctBy(p => p.Phrase).OrderByDescending(p => p.Phrase.Length).ToList(),
            noise.OrderByDescending(n => n.Phrase.Length).ToList(),
            DataFiles.Rows("promo-box-tokens.txt", 1).Select(r => r.Cols[0].ToLowerInvariant()).ToList(),
            DataFiles.Rows("promo-ad-script-markers.txt", 1).Select(r => r.Cols[0].ToLowerInvariant()).ToList());
    }
}
