using System.ComponentModel.DataAnnotations;

namespace Corpus.Core.Recipes;

// Sources of the defaults: FineWeb = Penedo et al. 2024, "The FineWeb Datasets" (arXiv:2406.17557) and its datatrove
// pipeline (examples/fineweb.py: GopherRepetitionFilter(), GopherQualityFilter(), C4QualityFilter(filter_no_terminal_punct=False),
// FineWebQualityFilter()); Gopher = Rae et al. 2021, "Scaling Language Models: Methods, Analysis & Insights from Training
// Gopher" (arXiv:2112.11446), appendix A.1.1 and table A1; C4 = Raffel et al. 2020, "Exploring the Limits of Transfer
// Learning with a Unified Text-to-Text Transformer" (JMLR 21), section 2.2.

/// <summary>
/// The <c>quality:</c> section: the word floor and the rule families, each an immutable record whose thresholds carry
/// their published default and its source (the README's table of recipe keys is made from them).
/// </summary>
[Step("quality")]
public sealed record QualitySettings
{
    /// <summary>Documents with fewer words are excluded (rule <c>quality.min_words</c>).</summary>
    [Step("quality.min_words"), Range(0, int.MaxValue)]
    public int MinWords { get; init; } = 50;
    /// <summary>Share of the extracted text that is link text above which a page is a list, not an article.</summary>
    [Step("extract"), Range(0.0, 1.0)]
    public double MaxLinkDensity { get; init; } = 0.5;

    public GopherQualitySettings GopherQuality { get; init; } = new();
    public GopherRepetitionSettings GopherRepetition { get; init; } = new();
    public C4Settings C4 { get; init; } = new();
    public FineWebSettings Fineweb { get; init; } = new();
    public PiiSettings Pii { get; init; } = new();
}

/// <summary>Gopher quality rules (Rae et al. 2021, as FineWeb applies them); rule names <c>gopher.*</c>.</summary>
[Step("quality.gopher_quality")]
public sealed record GopherQualitySettings
{
    public bool Enabled { get; init; } = true;
    [Source("Gopher appendix A.1.1 (paraphrased): fewer than 50 or greater than 100,000 words; FineWeb keeps it"), Range(0.0, double.MaxValue)]
    public double MinWords { get; init; } = 50;
    [Source("Gopher appendix A.1.1 (paraphrased): fewer than 50 or greater than 100,000 words; FineWeb keeps it"), Range(0.0, double.MaxValue)]
    public double MaxWords { get; init; } = 100000;
    [Source("Gopher appendix A.1.1 (paraphrased): mean word length outside the range of 3 to 10 characters"), Range(0.0, double.MaxValue)]
    public double MinMeanWordLength { get; init; } = 3;
    [Source("Gopher appendix A.1.1 (paraphrased): mean word length outside the range of 3 to 10 characters"), Range(0.0, double.MaxValue)]
    public double MaxMeanWordLength { get; init; } = 10;
    [Source("Gopher appendix A.1.1 (paraphrased): symbol-to-word ratio greater than 0.1 for either the hash symbol or the ellipsis"), Range(0.0, 1.0)]
    public double MaxSymbolWordRatio { get; init; } = 0.1;
    [Source("Gopher appendix A.1.1 (paraphrased): more than 90% of lines starting with a bullet point"), Range(0.0, 1.0)]
    public double MaxBulletLinesRatio { get; init; } = 0.9;
    [Source("Gopher appendix A.1.1 (paraphrased): more than 30% ending with an ellipsis"), Range(0.0, 1.0)]
    public double MaxEllipsisLinesRatio { get; init; } = 0.3;
    [Source("Gopher appendix A.1.1 (paraphrased): 80% of words in a document contain at least one alphabetic character"), Range(0.0, 1.0)]
    public double MinAlphaWordsRatio { get; init; } = 0.8;
    [Source("Gopher appendix A.1.1 (paraphrased): at least two of the following English words: the, be, to, of, and, that, have, with; lists per language in stopwords.tsv"), Range(0.0, double.MaxValue)]
    public double MinStopWords { get; init; } = 2;
}

/// <summary>Gopher repetition rules; rule names <c>gopher_rep.*</c>.</summary>
[Step("quality.gopher_repetition")]
public sealed record GopherRepetitionSettings
{
    public bool Enabled { get; init; } = true;
    [Source("Gopher table A1: duplicate line fraction 0.30"), Range(0.0, 1.0)]
    public double MaxDupLineFraction { get; init; } = 0.3;
    [Source("Gopher table A1: duplicate paragraph fraction 0.30"), Range(0.0, 1.0)]
    public double MaxDupParagraphFraction { get; init; } = 0.3;
    [Source("Gopher table A1: duplicate line character fraction 0.20"), Range(0.0, 1.0)]
    public double MaxDupLineCharFraction { get; init; } = 0.2;
    [Source("Gopher table A1: duplicate paragraph character fraction 0.20"), Range(0.0, 1.0)]
    public double MaxDupParagraphCharFraction { get; init; } = 0.2;
    [Source("Gopher table A1: top 2-gram character fraction 0.20"), Range(0.0, 1.0)]
    public double MaxTop2gramShare { get; init; } = 0.2;
    [Source("Gopher table A1: top 3-gram character fraction 0.18"), Range(0.0, 1.0)]
    public double MaxTop3gramShare { get; init; } = 0.18;
    [Source("Gopher table A1: top 4-gram character fraction 0.16"), Range(0.0, 1.0)]
    public double MaxTop4gramShare { get; init; } = 0.16;
    [Source("Gopher table A1: duplicate 5-gram character fraction 0.15"), Range(0.0, 1.0)]
    public double MaxDup5gramShare { get; init; } = 0.15;
    [Source("Gopher table A1: duplicate 6-gram character fraction 0.14"), Range(0.0, 1.0)]
    public double MaxDup6gramShare { get; init; } = 0.14;
    [Source("Gopher table A1: duplicate 7-gram character fraction 0.13"), Range(0.0, 1.0)]
    public double MaxDup7gramShare { get; init; } = 0.13;
    [Source("Gopher table A1: duplicate 8-gram character fraction 0.12"), Range(0.0, 1.0)]
    public double MaxDup8gramShare { get; init; } = 0.12;
    [Source("Gopher table A1: duplicate 9-gram character fraction 0.11"), Range(0.0, 1.0)]
    public double MaxDup9gramShare { get; init; } = 0.11;
    [Source("Gopher table A1: duplicate 10-gram character fraction 0.10"), Range(0.0, 1.0)]
    public double MaxDup10gramShare { get; init; } = 0.1;
}

/// <summary>C4 rules (Raffel et al. 2020, as FineWeb applies them); rule names <c>c4.*</c>. <see cref="TerminalPunctuation"/>: C4 keeps only lines ending in terminal punctuation; FineWeb turns this off, and so do we.</summary>
[Step("quality.c4")]
public sealed record C4Settings
{
    public bool Enabled { get; init; } = true;
    [Source("C4 paper section 2.2 (paraphrased): removed any line with the word Javascript")]
    public bool DropJavascriptLines { get; init; } = true;
    [Source("datatrove C4QualityFilter filter_policy (tfds c4 policy substrings): cookie and terms-of-use notices; phrases in c4-policy-phrases.txt")]
    public bool DropPolicyLines { get; init; } = true;
    [Source("C4 paper section 2.2 (paraphrased): removed any page that contained the phrase lorem ipsum")]
    public bool DropLoremIpsum { get; init; } = true;
    [Source("C4 paper section 2.2 (paraphrased): removed any pages that contained a curly bracket")]
    public bool DropCurlyBracket { get; init; } = true;
    [Source("FineWeb: C4QualityFilter(filter_no_terminal_punct=False) (C4 itself keeps only lines ending in terminal punctuation)")]
    public bool TerminalPunctuation { get; init; } = false;
    [Source("C4 paper section 2.2 (paraphrased): discarded any line with fewer than 3 words"), Range(0.0, double.MaxValue)]
    public double MinWordsPerLine { get; init; } = 3;
    [Source("C4 paper section 2.2 (paraphrased): discarded any page with fewer than 5 sentences"), Range(0.0, double.MaxValue)]
    public double MinSentences { get; init; } = 5;
}

/// <summary>FineWeb's own rules (Penedo et al. 2024); rule names <c>fineweb.*</c>.</summary>
[Step("quality.fineweb")]
public sealed record FineWebSettings
{
    public bool Enabled { get; init; } = true;
    [Source("FineWeb custom filters (datatrove FineWebQualityFilter defaults): drop when at most 12% of lines end in punctuation"), Range(0.0, 1.0)]
    public double MinLinePunctRatio { get; init; } = 0.12;
    [Source("FineWeb paper, custom filters: drop when the fraction of characters in duplicated lines is 0.1 or more (datatrove's FineWebQualityFilter class defaults to 0.01)"), Range(0.0, 1.0)]
    public double MaxDupLineCharRatio { get; init; } = 0.1;
    [Source("FineWeb custom filters (datatrove FineWebQualityFilter defaults): drop when 67% or more of lines are 30 characters or shorter"), Range(0.0, 1.0)]
    public double MaxShortLineRatio { get; init; } = 0.67;
    [Source("FineWeb custom filters (datatrove FineWebQualityFilter defaults): a short line has at most 30 characters"), Range(0.0, double.MaxValue)]
    public double ShortLineLength { get; init; } = 30;
}

/// <summary>What personal data is masked (counts per document go to the row).</summary>
[Step("clean.pii")]
public sealed record PiiSettings
{
    public bool Emails { get; init; } = true;
    public bool IpAddresses { get; init; } = true;
    public bool Phones { get; init; }
}
