namespace Corpus.Annotation.Language;

/// <summary>
/// The language detector's margins and thresholds in one table: how a piece is sampled, when the trigram screen decides
/// alone and stops reading, when a piece is noise, and how the Indonesian/Malay evidence is weighed. Each row says why it
/// has its value. <see cref="LanguageIdentifier"/> takes them as its defaults; its init properties override a row only to
/// measure what the row changes. Constants, so reading them costs nothing at start-up.
/// </summary>
internal static class DetectorThresholds
{
    /// <summary>Paragraphs the detector reads at most besides the first (evenly spaced through the text).</summary>
    public const int MaxParagraphs = 5;

    /// <summary>Characters read from the start of each sampled paragraph.</summary>
    public const int PieceChars = 200;

    /// <summary>
    /// Paragraphs shorter than this (captions, datelines, bylines) are sampled only when a text has nothing longer, and
    /// only pieces this long count towards the mixed-language flag: too few letters to stand for a language of the text.
    /// </summary>
    public const int MinParagraphChars = 40;

    /// <summary>Pieces at least this long are read in Lingua's low-accuracy mode (its documented lower bound is 120).</summary>
    public const int FastModeChars = 120;

    /// <summary>
    /// Lead in nats (natural-log likelihood) the best language's group needs over every other language for the trigram
    /// screen to decide a piece alone; below it Lingua decides among the screen's best few.
    /// </summary>
    public const double ScreenMargin = 12;

    /// <summary>Pieces with fewer trigrams than this always go to Lingua (among the screen's best few).</summary>
    public const int MinScreenTrigrams = 30;

    /// <summary>
    /// Trigrams per letter or combining mark below which the screen does not decide alone (Latin and Cyrillic text
    /// gives about 0.6; Devanagari, whose vowel signs break the runs of letters, far less).
    /// </summary>
    public const double MinTrigramShare = 0.4;

    /// <summary>
    /// A piece the screen is less sure of, but whose best language is in the group the document's confident pieces
    /// agree on, needs at least this many trigrams to keep the screen's verdict without asking Lingua.
    /// </summary>
    public const int MinAgreeingTrigrams = 10;

    /// <summary>
    /// Characters of a text's other pieces the screen has placed, all in the document's group (alone or agreeing with it),
    /// from which a piece shorter than <see cref="FastModeChars"/> that it cannot place is left out instead of going to
    /// Lingua's full mode. A 100-character heading against 300 placed characters is at most a quarter of the vote, and in practice
    /// bylines and table cells: loading Lingua's five n-gram models of the screen's best few languages for it costs
    /// hundreds of megabytes. Below it (a headline and a short lead, a sentence) Lingua still decides.
    /// </summary>
    public const int MinDecidedChars = 300;

    /// <summary>How many of the screen's best languages Lingua chooses among when the screen is not sure.</summary>
    public const int ScreenKeep = 4;

    /// <summary>
    /// Lead in nats at which the screen stops reading a piece of a text of several pieces (checked every
    /// <see cref="ClearCheckChars"/> characters once <see cref="MinScreenTrigrams"/> are read); 0 reads every piece whole.
    /// At <see cref="ScreenMargin"/> the piece is decided as it would be read whole unless its end were in another
    /// language: the sample is then the pieces' openings, as it was the paragraphs' openings.
    /// </summary>
    public const double ClearMargin = 12;

    /// <summary>
    /// Once a piece of the text has been decided, a later piece whose best language is in the same group and leads every
    /// language outside it by this many nats over <see cref="MinAgreeingTrigrams"/> trigrams is read no further: it
    /// agrees with the document (a paragraph in another language keeps being read until it is clear).
    /// </summary>
    public const double AgreeMargin = 8;

    /// <summary>How often (in characters) the screen checks whether a piece is already clear.</summary>
    public const int ClearCheckChars = 24;

    /// <summary>
    /// In a piece's softmax over the screen's log-likelihoods, languages more than <see cref="Negligible"/> nats behind round to
    /// nothing (e^-16 ≈ 1e-7, below the four decimals a score is given with). A language left in at such a share would
    /// still make the document pay for the discriminator and the spelling markers as if it were in play.
    /// </summary>
    public const double Negligible = 16;

    /// <summary>Log-probability (natural log) from which a trigram counts as likely in a language.</summary>
    public const double PlausibleLogP = -4;

    /// <summary>
    /// Share of a piece's trigrams that must be likely (<see cref="PlausibleLogP"/>) in its best language for the piece to
    /// be read as text at all; a piece below it is left out of the document's confidences, neither placed by the screen nor
    /// sent to Lingua (0 turns the check off).
    /// </summary>
    public const double ExplainedShare = 0.6;

    /// <summary>
    /// Mean log-likelihood per trigram (best language) under which a piece is checked against <see cref="ExplainedShare"/>;
    /// real text scores about -2.1 (its lowest on the evaluation sets, Latin letters, -3.45), so ordinary paragraphs skip
    /// the second reading.
    /// </summary>
    public const double NoiseMean = -3;

    /// <summary>
    /// Scale on the discriminator's log-odds before they split the pair's share. Its odds grow with the length of the
    /// text; scaled down they leave room for the page's evidence on a short or ambiguous text.
    /// </summary>
    public const double DiscriminatorScale = 0.5;

    /// <summary>
    /// Log-odds at which the discriminator stops reading (after its first 250 characters). At the default 24, scaled by
    /// <see cref="DiscriminatorScale"/> to 12 nats, no page evidence can turn it: twenty spelling markers, the declared
    /// language and the country domain together weigh about 10.6 nats.
    /// </summary>
    public const double DecisiveLogOdds = 24;

    /// <summary>How much each spelling marker (<c>bahwa</c> against <c>bahawa</c>) multiplies its language's confidence.</summary>
    public const double MarkerFactor = 1.5;

    /// <summary>At most this many markers count per language, so a long article cannot reach an infinite ratio.</summary>
    public const int MaxMarkers = 20;

    /// <summary>
    /// Without the discriminator (a recipe that lists only one of the pair plus another one, never both): exponent on
    /// the detector's odds inside a confusable group, flattening Lingua's overconfidence there.
    /// </summary>
    public const double GroupTemperature = 0.35;
}
