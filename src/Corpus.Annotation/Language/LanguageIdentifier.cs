using Corpus.Core.Recipes;
using Lingua;

namespace Corpus.Annotation.Language;

/// <summary>
/// Two stages, then the page's own evidence:
/// <list type="number">
/// <item>The candidate languages (every language Lingua knows unless a recipe or <c>--languages</c> narrows them) are
/// scored on a bounded sample of the text: the opening of the first paragraph and of up to <see cref="MaxParagraphs"/>
/// evenly spaced others, each at most <see cref="PieceChars"/> characters. Each piece first goes through the
/// <see cref="TrigramScreen"/>, one table lookup per trigram for all languages at once. When the best language's group
/// leads every other language by <see cref="ScreenMargin"/> nats over at least <see cref="MinScreenTrigrams"/> trigrams,
/// the screen's probabilities stand. A less clear piece keeps the screen's verdict too when it names the group the
/// confident pieces agree on (they covering at least half the sample), or the group the whole sample's summed scores lead
/// by <see cref="ScreenMargin"/>, with <see cref="MinAgreeingTrigrams"/>; otherwise
/// Lingua decides among the screen's <see cref="ScreenKeep"/> best languages (and their confusable partners) — in its low-accuracy mode for pieces of <see cref="FastModeChars"/> or
/// more, its full mode for shorter ones. Lingua over a handful of languages costs a small fraction of Lingua over 75,
/// and on ordinary paragraphs it is not asked at all. The document's confidences are the pieces' confidences weighted
/// by length, and the same pieces give the mixed-language flag. The cost stays flat however long the article is.</item>
/// <item>When Indonesian or Malay is among the two best candidates (and both are candidates), the
/// <see cref="IdMsDiscriminator"/> splits the pair's share between them: Lingua is a general detector and tells the
/// two apart no better than about 0.91–0.94 on news sentences.</item>
/// <item>Spelling markers (<c>Data/language-markers.tsv</c>: <c>bahwa</c>/<c>bahawa</c>, <c>karena</c>/<c>kerana</c>,
/// <c>polisi</c>/<c>polis</c>) multiply their language's confidence by <see cref="MarkerFactor"/> per occurrence, up to
/// <see cref="MaxMarkers"/>; they are standard spelling and word-choice differences, not topic words, so they hold
/// for any subject.</item>
/// <item>The declared language multiplies its language's confidence by <see cref="DeclaredFactor"/>, the host's
/// country domain by <see cref="DomainFactor"/>, and the confidences are normalised again: Bayes' rule with the
/// evidence as a likelihood ratio.</item>
/// <item>Evidence only moves confidence between languages of one confusable group (Indonesian and Malay). Across
/// groups the detector is reliable, while declarations are not: many sites keep a template's <c>lang="en"</c>.</item>
/// </list>
/// Below <see cref="MinConfidence"/> the language is <c>und</c>, with the score the best language had.
/// </summary>
public sealed class LanguageIdentifier
{
    private readonly Lazy<LanguageDetector> _detector;
    private readonly Lazy<LanguageDetector> _fastDetector;
    private readonly Lazy<IdMsDiscriminator>? _discriminator;
    private readonly Lazy<TrigramScreen> _screen;
    private readonly Lazy<(int[] Indices, string[] Codes, Lingua.Language[] Unscreened, int[] Clans)> _screened;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LanguageDetector> _narrowed = new(StringComparer.Ordinal);

    /// <param name="candidates">ISO 639-1 codes; empty means every language the detector knows.</param>
    /// <param name="discriminator">The Indonesian/Malay second stage (default: the shipped model).</param>
    /// <param name="screen">The trigram first pass (default: over Lingua's own models of every language).</param>
    public LanguageIdentifier(IReadOnlyCollection<string> candidates, IdMsDiscriminator? discriminator = null, TrigramScreen? screen = null)
    {
        var languages = candidates.Select(ToLingua).Distinct().ToArray();
        _detector = new(() => Builder(languages).Build());
        _fastDetector = new(() => Builder(languages).WithLowAccuracyMode().Build());
        Candidates = languages.Length >= 2 ? languages.Select(Code).ToArray() : ["all"];
        var pair = languages.Length < 2 || (languages.Contains(Lingua.Language.Indonesian) && languages.Contains(Lingua.Language.Malay));
        _discriminator = pair ? new Lazy<IdMsDiscriminator>(() => discriminator ?? IdMsDiscriminator.Default) : null;
        _screen = new(() => screen ?? (languages.Length >= 2 ? TrigramScreen.For(languages) : TrigramScreen.Default));
        _screened = new(() =>
        {
            var s = _screen.Value;
            var indices = Enumerable.Range(0, s.Languages.Count).Where(i => languages.Length < 2 || languages.Contains(s.Languages[i])).ToArray();
            var all = languages.Length < 2 ? LanguageDetectorBuilder.FromAllLanguages().Build().Languages.ToArray() : languages;
            var unscreened = all.Where(l => s.IndexOf(l) < 0).OrderBy(Code, StringComparer.Ordinal).ToArray();
            var codes = indices.Select(i => Code(s.Languages[i])).ToArray();
            // Two candidates share a clan when they are one language or confusable (one group): an int compare in the
            // screen's loops where Confusable compares strings.
            var clans = codes.Select((c, k) => PageEvidence.GroupOf(c) is var g and >= 0 ? codes.Length + g : k).ToArray();
            return (indices, codes, unscreened, clans);
        });
    }

    // One candidate cannot be detected against nothing; it means "expect this", so every language stays in play.
    private static LanguageDetectorBuilder Builder(Lingua.Language[] languages) =>
        languages.Length >= 2 ? LanguageDetectorBuilder.FromLanguages(languages) : LanguageDetectorBuilder.FromAllLanguages();

    /// <summary>The candidate languages, or <c>all</c>.</summary>
    public IReadOnlyList<string> Candidates { get; }

    public double MinConfidence { get; init; } = AnnotationSettings.Default.MinLanguageConfidence;
    public double DeclaredFactor { get; init; } = AnnotationSettings.Default.DeclaredLanguageFactor;
    public double DomainFactor { get; init; } = AnnotationSettings.Default.DomainLanguageFactor;
    /// <summary>How much each spelling marker (<c>bahwa</c> against <c>bahawa</c>) multiplies its language's confidence.</summary>
    public double MarkerFactor { get; init; } = 1.5;
    /// <summary>At most this many markers count per language, so a long article cannot reach an infinite ratio.</summary>
    public int MaxMarkers { get; init; } = 20;
    /// <summary>
    /// Scale on the discriminator's log-odds before they split the pair's share. Its odds grow with the length of the
    /// text; scaled down they leave room for the page's evidence on a short or ambiguous text.
    /// </summary>
    public double DiscriminatorScale { get; init; } = 0.5;
    /// <summary>
    /// Log-odds at which the discriminator stops reading (after its first 250 characters). At the default 24, scaled by
    /// <see cref="DiscriminatorScale"/> to 12 nats, no page evidence can turn it: twenty spelling markers, the declared
    /// language and the country domain together weigh about 10.6 nats.
    /// </summary>
    public double DecisiveLogOdds { get; init; } = 24;
    /// <summary>
    /// Without the discriminator (a recipe that lists only one of the pair plus another one, never both): exponent on
    /// the detector's odds inside a confusable group, flattening Lingua's overconfidence there.
    /// </summary>
    public double GroupTemperature { get; init; } = 0.35;
    /// <summary>Share of the text (in characters) in another language from which a document is flagged mixed.</summary>
    public double MixedShare { get; init; } = AnnotationSettings.Default.MixedLanguageShare;
    /// <summary>Paragraphs the detector reads at most besides the first (evenly spaced through the text).</summary>
    public int MaxParagraphs { get; init; } = 5;
    /// <summary>Characters read from the start of each sampled paragraph.</summary>
    public int PieceChars { get; init; } = 200;
    /// <summary>Pieces at least this long are read in Lingua's low-accuracy mode (its documented lower bound is 120).</summary>
    public int FastModeChars { get; init; } = 120;
    /// <summary>
    /// Lead in nats (natural-log likelihood) the best language's group needs over every other language for the trigram
    /// screen to decide a piece alone; below it Lingua decides among the screen's best few.
    /// </summary>
    public double ScreenMargin { get; init; } = 12;
    /// <summary>Pieces with fewer trigrams than this always go to Lingua (among the screen's best few).</summary>
    public int MinScreenTrigrams { get; init; } = 30;
    /// <summary>
    /// Trigrams per letter or combining mark below which the screen does not decide alone (Latin and Cyrillic text
    /// gives about 0.6; Devanagari, whose vowel signs break the runs of letters, far less).
    /// </summary>
    public double MinTrigramShare { get; init; } = 0.4;
    /// <summary>
    /// A piece the screen is less sure of, but whose best language is in the group the document's confident pieces
    /// agree on, needs at least this many trigrams to keep the screen's verdict without asking Lingua.
    /// </summary>
    public int MinAgreeingTrigrams { get; init; } = 10;
    /// <summary>How many of the screen's best languages Lingua chooses among when the screen is not sure.</summary>
    public int ScreenKeep { get; init; } = 4;
    /// <summary>
    /// False lets a less clear piece keep the screen's verdict only when the confident pieces agree, not also when the
    /// whole sample's summed scores clearly favour its group (for measuring what the sample margin changes).
    /// </summary>
    public bool UseSampleMargin { get; init; } = true;
    /// <summary>
    /// Lead in nats at which the screen stops reading a piece of a text of several pieces (checked every
    /// <see cref="ClearCheckChars"/> characters once <see cref="MinScreenTrigrams"/> are read); 0 reads every piece whole.
    /// At <see cref="ScreenMargin"/> the piece is decided as it would be read whole unless its end were in another
    /// language: the sample is then the pieces' openings, as it was the paragraphs' openings.
    /// </summary>
    public double ClearMargin { get; init; } = 12;
    /// <summary>
    /// Once a piece of the text has been decided, a later piece whose best language is in the same group and leads every
    /// language outside it by this many nats over <see cref="MinAgreeingTrigrams"/> trigrams is read no further: it
    /// agrees with the document (a paragraph in another language keeps being read until it is clear).
    /// </summary>
    public double AgreeMargin { get; init; } = 8;
    /// <summary>How often (in characters) the screen checks whether a piece is already clear.</summary>
    public int ClearCheckChars { get; init; } = 24;
    /// <summary>
    /// True sends a piece the screen neither places nor matches to the document's clear group to Lingua, as for a text of
    /// one piece; false (the default) leaves it out of the document's confidences and of the mixed share.
    /// </summary>
    public bool AskOutsideGroup { get; init; }
    /// <summary>Log-probability (natural log) from which a trigram counts as likely in a language.</summary>
    public double PlausibleLogP { get; init; } = -4;
    /// <summary>
    /// Share of a piece's trigrams that must be likely (<see cref="PlausibleLogP"/>) in its best language for the piece to
    /// be read as text at all; a piece below it is left out of the document's confidences, neither placed by the screen nor
    /// sent to Lingua (0 turns the check off).
    /// </summary>
    public double ExplainedShare { get; init; } = 0.6;
    /// <summary>
    /// Mean log-likelihood per trigram (best language) under which a piece is checked against <see cref="ExplainedShare"/>;
    /// real text scores about -2.1 (its lowest on the evaluation sets, Latin letters, -3.45), so ordinary paragraphs skip
    /// the second reading.
    /// </summary>
    public double NoiseMean { get; init; } = -3;
    /// <summary>False sends every piece to Lingua among all candidates (for measuring what the screen changes).</summary>
    public bool UseScreen { get; init; } = true;
    /// <summary>False leaves the mixed-language flag false.</summary>
    public bool CheckMixed { get; init; } = true;
    /// <summary>False leaves Indonesian against Malay to Lingua alone (for measuring what the second stage adds).</summary>
    public bool UseDiscriminator { get; init; } = true;

    public LanguageResult Identify(string text, string? declared = null, string? url = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return new LanguageResult("und", 0, "und", 0, false);
        var pieces = Sample(text);
        var perPiece = new List<(int Length, Dictionary<string, double> Confidences)>(pieces.Count);
        var confidences = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = 0;
        var screened = UseScreen ? Screened(text, pieces) : null;
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            var c = screened is not null ? screened[i]
                : Confidences(piece.Length >= FastModeChars ? _fastDetector.Value : _detector.Value, text.Substring(piece.Start, piece.Length));
            if (c is null) continue;
            perPiece.Add((piece.Length, c));
            total += piece.Length;
            foreach (var (code, value) in c) confidences[code] = confidences.GetValueOrDefault(code) + value * piece.Length;
        }
        if (total == 0) return new LanguageResult("und", 0, "und", 0, false);
        foreach (var code in confidences.Keys.ToList()) confidences[code] /= total;
        var (detectorCode, detectorScore) = Best(confidences);
        var firstStage = detectorCode;
        double? logOdds = null;
        if (UseDiscriminator && _discriminator is not null && AmongBest(confidences, "id", "ms"))
        {
            logOdds = _discriminator.Value.LogOdds(text, DecisiveLogOdds);
            var pair = confidences.GetValueOrDefault("id") + confidences.GetValueOrDefault("ms");
            var pId = 1 / (1 + Math.Exp(-DiscriminatorScale * logOdds.Value));
            confidences["id"] = pair * pId;
            confidences["ms"] = pair * (1 - pId);
        }
        else Temper(confidences);
        // Markers only move confidence inside a confusable group, so a text with no such pair in play skips the count,
        // and so does one whose discriminator odds are past what all the evidence together could turn.
        if (HasConfusablePair(confidences) && !(logOdds is { } decided && Math.Abs(decided) >= DecisiveLogOdds))
            foreach (var (language, count) in SpellingMarkers.Count(text))
                Weigh(confidences, language, Math.Pow(MarkerFactor, Math.Min(count, MaxMarkers)));
        Weigh(confidences, declared, DeclaredFactor);
        Weigh(confidences, PageEvidence.FromDomain(url), DomainFactor);
        var (best, score) = Best(confidences);
        if (score < MinConfidence) best = "und";
        if (detectorScore < MinConfidence) detectorCode = "und";
        var mixed = CheckMixed && best != "und" && IsMixed(perPiece, best);
        var textCode = logOdds is { } lo && firstStage is "id" or "ms" ? (lo >= 0 ? "id" : "ms") : firstStage;
        return new LanguageResult(best, Math.Round(score, 4), detectorCode, Math.Round(detectorScore, 4), mixed) { TextCode = textCode };
    }

    /// <summary>
    /// The pieces the detector reads: the opening of the first paragraph and of up to <see cref="MaxParagraphs"/>
    /// evenly spaced later ones (paragraphs under 40 characters, such as captions and datelines, are skipped when
    /// longer ones exist).
    /// </summary>
    private List<(int Start, int Length)> Sample(string text)
    {
        // The paragraph lists are the thread's own, reused: a long article has hundreds of paragraphs.
        var paragraphs = _paragraphs ??= [];
        var longer = _longParagraphs ??= [];
        paragraphs.Clear();
        longer.Clear();
        var start = 0;
        while (start <= text.Length)
        {
            var i = text.IndexOf('\n', start);
            if (i < 0) i = text.Length;
            var (s, e) = (start, i);
            while (s < e && char.IsWhiteSpace(text[s])) s++;
            while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
            if (e > s)
            {
                paragraphs.Add((s, e - s));
                if (e - s >= 40) longer.Add((s, e - s));
            }
            start = i + 1;
        }
        var usable = longer.Count > 0 ? longer : paragraphs;
        var pieces = new List<(int Start, int Length)> { Opening(text, usable[0]) };
        var rest = usable.Count - 1;
        if (rest > 0)
        {
            var take = Math.Min(rest, MaxParagraphs);
            for (var k = 0; k < take; k++) pieces.Add(Opening(text, usable[1 + (int)((long)k * rest / take)]));
        }
        return pieces;
    }

    [ThreadStatic] private static List<(int Start, int Length)>? _paragraphs, _longParagraphs;
    [ThreadStatic] private static double[]? _scores;

    private (int Start, int Length) Opening(string text, (int Start, int Length) paragraph)
    {
        if (paragraph.Length <= PieceChars) return paragraph;
        // Cut at a space so the last word is whole.
        var cut = text.LastIndexOf(' ', paragraph.Start + PieceChars, PieceChars);
        var length = cut - paragraph.Start > 40 ? cut - paragraph.Start : PieceChars;
        return (paragraph.Start, length);
    }

    /// <summary>
    /// Each piece's confidences. Every piece is scored by the trigram screen first. A piece whose best group clearly
    /// leads keeps the screen's probabilities. A piece where the screen is less sure keeps them too when its best
    /// language is in the group that the confident pieces agree on, and those cover at least half the sample: an
    /// ordinary paragraph that merely has fewer telling trigrams than the others. Every other piece goes to Lingua among
    /// the screen's best few candidates: a text of one piece, a paragraph whose screen verdict differs from the rest
    /// (the case the mixed-language flag is about), text in a script the screen cannot read.
    /// </summary>
    private Dictionary<string, double>?[] Screened(string text, List<(int Start, int Length)> pieces)
    {
        var screen = _screen.Value;
        var (indices, codes, unscreened, clans) = _screened.Value;
        var count = screen.Languages.Count;
        if (_scores is null || _scores.Length < pieces.Count * count) _scores = new double[Math.Max(pieces.Count * count, 16 * count)];
        var scores = _scores;
        scores.AsSpan(0, pieces.Count * count).Clear();
        var verdicts = new (int Trigrams, bool Blind, bool Dense, int Best, bool Decided, bool Noise)[pieces.Count];
        var results = new Dictionary<string, double>?[pieces.Count];
        string? group = null;
        var groupClan = -1;
        var agreed = true;
        int decidedChars = 0, sampledChars = 0, sampleTrigrams = 0;
        Span<double> sample = count <= 256 ? stackalloc double[count] : new double[count];
        sample.Clear();
        for (var i = 0; i < pieces.Count; i++)
        {
            var (start, length) = pieces[i];
            sampledChars += length;
            var s = scores.AsSpan(i * count, count);
            var trigrams = ScoreUntilClear(screen, text.AsSpan(start, length), s, indices, clans, pieces.Count > 1, ClearMargin > 0 ? groupClan : -1, out var known, out var characters);
            Interlocked.Add(ref _trigramsRead, trigrams);
            // Text in a script no trigram table knows (Chinese, Japanese, Korean) goes to Lingua's script rules.
            var blind = unscreened.Length > 0 && (indices.Length == 0 || known * 2 < trigrams);
            // Few trigrams per character (a script with vowel signs, such as Devanagari) leave the screen too little to
            // read: Lingua decides in its full mode, whose script rules narrow the candidates to the few that write it.
            var dense = trigrams >= MinTrigramShare * characters;
            if (!blind && trigrams == 0)
            {
                results[i] = characters < 10 ? [] : Confidences(_detector.Value, text.Substring(start, length));
                verdicts[i] = (0, false, false, -1, true, false);
                continue;
            }
            var best = -1;
            var decided = false;
            var noise = false;
            if (!blind)
            {
                best = 0;
                for (var k = 1; k < indices.Length; k++) if (s[indices[k]] > s[indices[best]]) best = k;
                var rival = double.NegativeInfinity;
                for (var k = 0; k < indices.Length; k++)
                    if (clans[k] != clans[best]) rival = Math.Max(rival, s[indices[k]]);
                // Invented words, random strings, codes: no language's model explains the piece, though one may still lead
                // the others by far; neither the screen's verdict nor Lingua's (which reads the same trigrams) is earned.
                noise = dense && trigrams >= MinScreenTrigrams && s[indices[best]] < NoiseMean * trigrams
                    && Unexplained(screen, text.AsSpan(start, length), indices[best], trigrams);
                decided = !noise && (indices.Length < 2 || (trigrams >= MinScreenTrigrams && dense && s[indices[best]] - rival >= ScreenMargin));
                if (decided)
                {
                    results[i] = Softmax(s, indices, codes, best);
                    decidedChars += length;
                    if (group is null) (group, groupClan) = (codes[best], clans[best]);
                    else if (!PageEvidence.Confusable(group, codes[best])) agreed = false;
                }
            }
            verdicts[i] = (trigrams, blind, dense, best, decided, noise);
            if (!blind && dense && !noise)
            {
                for (var l = 0; l < count; l++) sample[l] += s[l];
                sampleTrigrams += trigrams;
            }
        }
        // The whole sample's evidence: an article whose paragraphs each lean the same way without a clear margin still
        // adds up to a clear one (the sum of the pieces' log-likelihoods is the sample's, read as one language).
        var agreedGroup = agreed && decidedChars * 2 >= sampledChars ? group : null;
        var documentGroup = agreedGroup ?? SampleGroup(sample, sampleTrigrams, indices, codes, clans);
        for (var i = 0; i < pieces.Count; i++)
        {
            var (trigrams, blind, dense, best, decided, noise) = verdicts[i];
            if (noise)
            {
                Interlocked.Increment(ref _unplacedPieces);
                continue;
            }
            if (decided)
            {
                Interlocked.Increment(ref _screenPieces);
                continue;
            }
            var s = scores.AsSpan(i * count, count);
            if (documentGroup is not null && !blind && dense && trigrams >= MinAgreeingTrigrams && PageEvidence.Confusable(codes[best], documentGroup))
            {
                Interlocked.Increment(ref _agreeingPieces);
                results[i] = Softmax(s, indices, codes, best);
                continue;
            }
            // A paragraph really in another language reads clearly (it is why the mixed flag exists); one the screen can
            // neither place nor match to the document's clear group is noise (tables of names, codes, invented words) and
            // is left out rather than sent to Lingua, whose answer on it would be as unsure.
            // Only against a group the decided pieces agree on: pieces read until they agree weigh little in the sample's sum.
            if (agreedGroup is not null && !AskOutsideGroup && !blind && dense && pieces.Count > 1)
            {
                Interlocked.Increment(ref _unplacedPieces);
                results[i] = null;
                continue;
            }
            Interlocked.Increment(ref _linguaPieces);
            results[i] = AskLingua(text, pieces[i], s, blind, dense);
        }
        return results;
    }

    /// <summary>
    /// Scores a piece with the screen in runs of about <see cref="ClearCheckChars"/> characters, cut at spaces (where a
    /// run of letters ends anyway, so the sum is the whole piece's), and stops once the best group leads every other
    /// language by <see cref="ClearMargin"/> nats over at least <see cref="MinScreenTrigrams"/> trigrams, dense ones:
    /// the rest of the piece could only add to a verdict already far past <see cref="ScreenMargin"/>. Returns the
    /// trigrams read.
    /// </summary>
    private int ScoreUntilClear(TrigramScreen screen, ReadOnlySpan<char> piece, Span<double> s, int[] indices, int[] clans, bool stop, int agreeClan, out int known, out int characters)
    {
        known = 0;
        characters = 0;
        var trigrams = 0;
        var at = 0;
        while (at < piece.Length)
        {
            var end = piece.Length;
            if (stop && ClearMargin > 0 && piece.Length - at > ClearCheckChars + ClearCheckChars / 2)
            {
                var space = piece[..(at + ClearCheckChars)].LastIndexOf(' ');
                if (space > at) end = space;
            }
            trigrams += screen.Score(piece[at..end], s, out var k, out var c);
            known += k;
            characters += c;
            at = end;
            if (at >= piece.Length || indices.Length < 2 || trigrams < Math.Min(MinScreenTrigrams, agreeClan >= 0 ? MinAgreeingTrigrams : int.MaxValue)) continue;
            if (trigrams < MinTrigramShare * characters || known * 2 < trigrams) continue;
            var best = 0;
            for (var k2 = 1; k2 < indices.Length; k2++) if (s[indices[k2]] > s[indices[best]]) best = k2;
            var rival = double.NegativeInfinity;
            for (var k2 = 0; k2 < indices.Length; k2++)
                if (clans[k2] != clans[best]) rival = Math.Max(rival, s[indices[k2]]);
            var lead = s[indices[best]] - rival;
            if (trigrams >= MinScreenTrigrams && lead >= ClearMargin) break;
            if (clans[best] == agreeClan && trigrams >= MinAgreeingTrigrams && lead >= AgreeMargin) break;
        }
        return trigrams;
    }

    /// <summary>
    /// True when a piece in Latin letters has fewer than <see cref="ExplainedShare"/> of the trigrams the screen read at least
    /// <see cref="PlausibleLogP"/> likely in its best language. The floor is set from the models' own scores: on the
    /// evaluation sets every paragraph of real text in Latin letters (the SIB-200 languages, BBC, DSLCC, the project's dev
    /// set, even Javanese and Sundanese that no model covers) has at least 0.65 of its trigrams above it, names and all;
    /// other scripts are left to Lingua, since mixing in Latin names costs them far more.
    /// </summary>
    private bool Unexplained(TrigramScreen screen, ReadOnlySpan<char> piece, int language, int read)
    {
        if (ExplainedShare <= 0) return false;
        // The trigrams the screen read (it stops once a piece is clear), so the check costs no more than the scoring did.
        var plausible = screen.Plausible(piece, language, PlausibleLogP, read, out var trigrams, out var latin);
        return latin && plausible < ExplainedShare * trigrams;
    }

    /// <summary>
    /// The group the summed scores of the sample's readable pieces clearly favour (a lead of <see cref="ScreenMargin"/>
    /// nats over every language outside it, over at least <see cref="MinScreenTrigrams"/> trigrams), or null.
    /// </summary>
    private string? SampleGroup(ReadOnlySpan<double> sample, int trigrams, int[] indices, string[] codes, int[] clans)
    {
        if (!UseSampleMargin || trigrams < MinScreenTrigrams || indices.Length < 2) return null;
        var best = 0;
        for (var k = 1; k < indices.Length; k++) if (sample[indices[k]] > sample[indices[best]]) best = k;
        var rival = double.NegativeInfinity;
        for (var k = 0; k < indices.Length; k++)
            if (clans[k] != clans[best]) rival = Math.Max(rival, sample[indices[k]]);
        return sample[indices[best]] - rival >= ScreenMargin ? codes[best] : null;
    }

    private long _screenPieces, _agreeingPieces, _linguaPieces, _unplacedPieces, _trigramsRead;

    /// <summary>Trigrams the screen has read so far (for benchmarks: what stopping at a clear margin saves).</summary>
    public long TrigramsRead => Interlocked.Read(ref _trigramsRead);

    /// <summary>
    /// How the pieces read so far were decided: by the screen's own margin, by agreeing with the document's group, or by
    /// Lingua (the costly path). For benchmarks and diagnostics.
    /// </summary>
    public (long Screen, long Agreeing, long Lingua) PieceCounts =>
        (Interlocked.Read(ref _screenPieces), Interlocked.Read(ref _agreeingPieces), Interlocked.Read(ref _linguaPieces));

    /// <summary>
    /// Pieces left out: neither placed by the screen nor in the document's clear group (see <see cref="AskOutsideGroup"/>),
    /// or explained by no language (see <see cref="ExplainedShare"/>).
    /// </summary>
    public long UnplacedPieces => Interlocked.Read(ref _unplacedPieces);

    /// <summary>
    /// Softmax over the screen's log-likelihoods; languages more than <see cref="Negligible"/> nats behind round to
    /// nothing (e^-16 ≈ 1e-7, below the four decimals a score is given with). A language left in at such a share would
    /// still make the document pay for the discriminator and the spelling markers as if it were in play.
    /// </summary>
    private const double Negligible = 16;

    private static Dictionary<string, double> Softmax(ReadOnlySpan<double> scores, int[] indices, string[] codes, int best)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        var top = scores[indices[best]];
        double sum = 0;
        for (var k = 0; k < indices.Length; k++) if (top - scores[indices[k]] < Negligible) sum += Math.Exp(scores[indices[k]] - top);
        for (var k = 0; k < indices.Length; k++)
            if (top - scores[indices[k]] < Negligible) result[codes[k]] = Math.Exp(scores[indices[k]] - top) / sum;
        return result;
    }

    /// <summary>Lingua among the screen's <see cref="ScreenKeep"/> best languages and their confusable partners.</summary>
    private Dictionary<string, double> AskLingua(string text, (int Start, int Length) piece, ReadOnlySpan<double> scores, bool blind, bool dense)
    {
        var screen = _screen.Value;
        var (indices, codes, unscreened, _) = _screened.Value;
        var candidateScores = new double[indices.Length];
        for (var k = 0; k < indices.Length; k++) candidateScores[k] = scores[indices[k]];
        var order = Enumerable.Range(0, indices.Length).OrderByDescending(k => candidateScores[k]).ThenBy(k => codes[k], StringComparer.Ordinal).ToArray();
        var keep = order.Take(ScreenKeep).ToList();
        foreach (var k in order.Skip(ScreenKeep))
            if (keep.Any(t => PageEvidence.Confusable(codes[k], codes[t]))) keep.Add(k);
        var chosen = keep.Select(k => screen.Languages[indices[k]]).Concat(blind ? unscreened : []).ToArray();
        if (chosen.Length < 2)
        {
            var result = new Dictionary<string, double>(StringComparer.Ordinal);
            if (chosen.Length == 1) result[Code(chosen[0])] = 1;
            return result;
        }
        var detector = Narrowed(chosen, dense && piece.Length >= FastModeChars);
        return Confidences(detector, text.Substring(piece.Start, piece.Length));
    }

    private LanguageDetector Narrowed(Lingua.Language[] languages, bool fast)
    {
        var key = (fast ? "fast:" : "full:") + string.Join(',', languages.Select(Code).Order(StringComparer.Ordinal));
        return _narrowed.GetOrAdd(key, _ => fast
            ? LanguageDetectorBuilder.FromLanguages(languages).WithLowAccuracyMode().Build()
            : LanguageDetectorBuilder.FromLanguages(languages).Build());
    }

    // A language with a partner (in confusable-languages.tsv) sharing the confidences with another of its group.
    private static bool HasConfusablePair(Dictionary<string, double> confidences)
    {
        var seen = 0UL;
        foreach (var code in confidences.Keys)
        {
            var g = PageEvidence.GroupOf(code);
            if (g < 0) continue;
            var bit = 1UL << g;
            if ((seen & bit) != 0) return true;
            seen |= bit;
        }
        return false;
    }

    // One of a or b among the two best languages with a positive confidence (ties broken by code).
    private static bool AmongBest(Dictionary<string, double> confidences, string a, string b)
    {
        if (!confidences.ContainsKey(a) && !confidences.ContainsKey(b)) return false;
        (string? Code, double Value) first = (null, 0), second = (null, 0);
        foreach (var (code, value) in confidences)
        {
            if (value <= 0) continue;
            if (Before(code, value, first))
            {
                second = first;
                first = (code, value);
            }
            else if (Before(code, value, second)) second = (code, value);
        }
        return first.Code == a || first.Code == b || second.Code == a || second.Code == b;
    }

    private static bool Before(string code, double value, (string? Code, double Value) other) =>
        other.Code is null || value > other.Value || (value == other.Value && string.CompareOrdinal(code, other.Code) < 0);

    private static Dictionary<string, double> Confidences(LanguageDetector detector, string text)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (language, value) in detector.ComputeLanguageConfidenceValues(text))
            if (value > 0) map[Code(language)] = value;
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
        if (!HasConfusablePair(confidences)) return;
        var groups = new Dictionary<int, List<string>>();
        foreach (var code in confidences.Keys)
        {
            var g = PageEvidence.GroupOf(code);
            if (g < 0) continue;
            if (!groups.TryGetValue(g, out var members)) groups[g] = members = [];
            members.Add(code);
        }
        foreach (var members in groups.Values)
        {
            if (members.Count < 2) continue;
            var before = members.Sum(k => confidences[k]);
            foreach (var k in members) confidences[k] = Math.Pow(confidences[k], GroupTemperature);
            var after = members.Sum(k => confidences[k]);
            foreach (var k in members) confidences[k] *= before / after;
        }
    }

    // The best language (ties go to the first code in ordinal order); und when nothing is above zero.
    private static (string Code, double Score) Best(Dictionary<string, double> confidences)
    {
        var best = ("und", 0.0);
        foreach (var (code, value) in confidences)
            if (value > best.Item2 || (value == best.Item2 && value > 0 && string.CompareOrdinal(code, best.Item1) < 0)) best = (code, value);
        return best;
    }

    /// <summary>
    /// Pieces of at least 40 characters that the detector places confidently (≥ 0.8) in a language outside the
    /// document's confusable group count against the document; Indonesian and Malay pieces of one article are not
    /// "mixed", since a single paragraph is too short to tell them apart reliably.
    /// </summary>
    private bool IsMixed(List<(int Length, Dictionary<string, double> Confidences)> pieces, string documentLanguage)
    {
        if (pieces.Count < 2) return false;
        double total = 0, other = 0;
        foreach (var (length, confidences) in pieces)
        {
            if (length < 40) continue;
            total += length;
            var (code, _) = Best(confidences);
            // A piece's group counts as a whole: an Indonesian paragraph split 0.6/0.4 with Malay is still surely not English.
            var groupScore = 0.0;
            foreach (var (language, value) in confidences) if (PageEvidence.Confusable(language, code)) groupScore += value;
            if (groupScore >= 0.8 && !PageEvidence.Confusable(code, documentLanguage)) other += length;
        }
        return total > 0 && other >= MixedShare * total;
    }

    private static string Code(Lingua.Language language) => LanguageInfo.IsoCode6391(language).ToString().ToLowerInvariant();

    private static Lingua.Language ToLingua(string iso6391)
    {
        if (Enum.TryParse<IsoCode6391>(iso6391, ignoreCase: true, out var code) && code != IsoCode6391.None)
            return LanguageInfo.GetByIsoCode6391(code);
        throw new Corpus.Core.CorpusUserException($"Language '{iso6391}' is not one the detector knows (use ISO 639-1 codes such as 'id' or 'en').");
    }
}
