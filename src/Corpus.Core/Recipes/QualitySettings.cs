namespace Corpus.Core.Recipes;

/// <summary>
/// The <c>quality:</c> section. Thresholds left out of the recipe take the published defaults listed, with their
/// sources, in <c>src/Corpus.Cleaning/Data/quality-defaults.tsv</c> (null here means "that default").
/// </summary>
public sealed class QualitySettings
{
    /// <summary>Documents with fewer words are excluded (rule <c>quality.min_words</c>).</summary>
    public int MinWords { get; set; } = 50;
    /// <summary>Share of the extracted text that is link text above which a page is a list, not an article.</summary>
    public double MaxLinkDensity { get; set; } = 0.5;

    public GopherQualitySettings GopherQuality { get; set; } = new();
    public GopherRepetitionSettings GopherRepetition { get; set; } = new();
    public C4Settings C4 { get; set; } = new();
    public FineWebSettings Fineweb { get; set; } = new();
    public PiiSettings Pii { get; set; } = new();
}

/// <summary>Gopher quality rules (Rae et al. 2021, as FineWeb applies them); rule names <c>gopher.*</c>.</summary>
public sealed class GopherQualitySettings
{
    public bool Enabled { get; set; } = true;
    public double? MinWords { get; set; }
    public double? MaxWords { get; set; }
    public double? MinMeanWordLength { get; set; }
    public double? MaxMeanWordLength { get; set; }
    public double? MaxSymbolWordRatio { get; set; }
    public double? MaxBulletLinesRatio { get; set; }
    public double? MaxEllipsisLinesRatio { get; set; }
    public double? MinAlphaWordsRatio { get; set; }
    public double? MinStopWords { get; set; }
}

/// <summary>Gopher repetition rules; rule names <c>gopher_rep.*</c>.</summary>
public sealed class GopherRepetitionSettings
{
    public bool Enabled { get; set; } = true;
    public double? MaxDupLineFraction { get; set; }
    public double? MaxDupParagraphFraction { get; set; }
    public double? MaxDupLineCharFraction { get; set; }
    public double? MaxDupParagraphCharFraction { get; set; }
    public double? MaxTop2gramShare { get; set; }
    public double? MaxTop3gramShare { get; set; }
    public double? MaxTop4gramShare { get; set; }
    public double? MaxDup5gramShare { get; set; }
    public double? MaxDup6gramShare { get; set; }
    public double? MaxDup7gramShare { get; set; }
    public double? MaxDup8gramShare { get; set; }
    public double? MaxDup9gramShare { get; set; }
    public double? MaxDup10gramShare { get; set; }
}

/// <summary>C4 rules (Raffel et al. 2020, as FineWeb applies them); rule names <c>c4.*</c>.</summary>
public sealed class C4Settings
{
    public bool Enabled { get; set; } = true;
    public bool? DropJavascriptLines { get; set; }
    public bool? DropPolicyLines { get; set; }
    public bool? DropLoremIpsum { get; set; }
    public bool? DropCurlyBracket { get; set; }
    /// <summary>C4 keeps only lines ending in terminal punctuation; FineWeb turns this off, and so do we.</summary>
    public bool? TerminalPunctuation { get; set; }
    public double? MinWordsPerLine { get; set; }
    public double? MinSentences { get; set; }
}

/// <summary>FineWeb's own rules (Penedo et al. 2024); rule names <c>fineweb.*</c>.</summary>
public sealed class FineWebSettings
{
    public bool Enabled { get; set; } = true;
    public double? MinLinePunctRatio { get; set; }
    public double? MaxDupLineCharRatio { get; set; }
    public double? MaxShortLineRatio { get; set; }
    public double? ShortLineLength { get; set; }
}

/// <summary>What personal data is masked (counts per document go to the row).</summary>
public sealed class PiiSettings
{
    public bool Emails { get; set; } = true;
    public bool IpAddresses { get; set; } = true;
    public bool Phones { get; set; }
}
