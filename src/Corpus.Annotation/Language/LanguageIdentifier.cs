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
/// more and in a text whose placed pieces are all in one group, its full mode for shorter ones. In such a text, the pieces the
/// screen cannot place are left out when together they are under <see cref="MixedShare"/> of it, and so are pieces of single
/// letters between signs (formulas) beside any placed piece. Lingua over a handful of languages costs a small fraction of Lingua over 75,
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
    // Every language a piece can be given: the screen's candidates in its order, then those only Lingua knows.
    private readonly Lazy<(string[] Codes, Dictionary<string, int> Index)> _space;
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
        _space = new(() =>
        {
            var (_, codes, unscreened, _) = _screened.Value;
            var all = codes.Concat(unscreened.Select(Code)).ToArray();
            return (all, all.Select((c, j) => (c, j)).ToDictionary(p => p.c, p => p.j, StringComparer.Ordinal));
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
    /// <inheritdoc cref="DetectorThresholds.MarkerFactor"/>
    public double MarkerFactor { get; init; } = DetectorThresholds.MarkerFactor;
    /// <inheritdoc cref="DetectorThresholds.MaxMarkers"/>
    public int MaxMarkers { get; init; } = DetectorThresholds.MaxMarkers;
    /// <inheritdoc cref="DetectorThresholds.DiscriminatorScale"/>
    public double DiscriminatorScale { get; init; } = DetectorThresholds.DiscriminatorScale;
    /// <inheritdoc cref="DetectorThresholds.DecisiveLogOdds"/>
    public double DecisiveLogOdds { get; init; } = DetectorThresholds.DecisiveLogOdds;
    /// <inheritdoc cref="DetectorThresholds.GroupTemperature"/>
    public double GroupTemperature { get; init; } = DetectorThresholds.GroupTemperature;
    /// <summary>Share of the text (in characters) in another language from which a document is flagged mixed.</summary>
    public double MixedShare { get; init; } = AnnotationSettings.Default.MixedLanguageShare;
    /// <inheritdoc cref="DetectorThresholds.MaxParagraphs"/>
    public int MaxParagraphs { get; init; } = DetectorThresholds.MaxParagraphs;
    /// <inheritdoc cref="DetectorThresholds.PieceChars"/>
    public int PieceChars { get; init; } = DetectorThresholds.PieceChars;
    /// <inheritdoc cref="DetectorThresholds.FastModeChars"/>
    public int FastModeChars { get; init; } = DetectorThresholds.FastModeChars;
    /// <inheritdoc cref="DetectorThresholds.ScreenMargin"/>
    public double ScreenMargin { get; init; } = DetectorThresholds.ScreenMargin;
    /// <inheritdoc cref="DetectorThresholds.MinScreenTrigrams"/>
    public int MinScreenTrigrams { get; init; } = DetectorThresholds.MinScreenTrigrams;
    /// <inheritdoc cref="DetectorThresholds.MinTrigramShare"/>
    public double MinTrigramShare { get; init; } = DetectorThresholds.MinTrigramShare;
    /// <inheritdoc cref="DetectorThresholds.MinAgreeingTrigrams"/>
    public int MinAgreeingTrigrams { get; init; } = DetectorThresholds.MinAgreeingTrigrams;
    /// <inheritdoc cref="DetectorThresholds.MinDecidedChars"/>
    public int MinDecidedChars { get; init; } = DetectorThresholds.MinDecidedChars;
    /// <inheritdoc cref="DetectorThresholds.ScreenKeep"/>
    public int ScreenKeep { get; init; } = DetectorThresholds.ScreenKeep;
    /// <summary>
    /// False lets a less clear piece keep the screen's verdict only when the confident pieces agree, not also when the
    /// whole sample's summed scores clearly favour its group (for measuring what the sample margin changes).
    /// </summary>
    public bool UseSampleMargin { get; init; } = true;
    /// <inheritdoc cref="DetectorThresholds.ClearMargin"/>
    public double ClearMargin { get; init; } = DetectorThresholds.ClearMargin;
    /// <inheritdoc cref="DetectorThresholds.AgreeMargin"/>
    public double AgreeMargin { get; init; } = DetectorThresholds.AgreeMargin;
    /// <inheritdoc cref="DetectorThresholds.ClearCheckChars"/>
    public int ClearCheckChars { get; init; } = DetectorThresholds.ClearCheckChars;
    /// <summary>
    /// True sends a piece the screen neither places nor matches to the document's clear group to Lingua, as for a text of
    /// one piece; false (the default) leaves it out of the document's confidences and of the mixed share.
    /// </summary>
    public bool AskOutsideGroup { get; init; }
    /// <summary>
    /// False sends the pieces the screen could not place to Lingua even when, all together, they are under
    /// <see cref="MixedShare"/> of a text whose placed pieces are all in one group (for measuring what leaving them out saves).
    /// </summary>
    public bool LeaveOutMinority { get; init; } = true;
    /// <summary>
    /// False sends a piece of single letters between digits and signs (no trigram to read) to Lingua among every candidate
    /// even when another piece of the text has been placed (for measuring what leaving it out saves).
    /// </summary>
    public bool LeaveOutSignPieces { get; init; } = true;
    /// <summary>
    /// False reads a piece shorter than <see cref="FastModeChars"/> in Lingua's full mode even in a text whose placed pieces
    /// are all in one group (for measuring what the low-accuracy mode saves there).
    /// </summary>
    public bool LowAccuracyOnceSettled { get; init; } = true;
    /// <inheritdoc cref="DetectorThresholds.PlausibleLogP"/>
    public double PlausibleLogP { get; init; } = DetectorThresholds.PlausibleLogP;
    /// <inheritdoc cref="DetectorThresholds.ExplainedShare"/>
    public double ExplainedShare { get; init; } = DetectorThresholds.ExplainedShare;
    /// <inheritdoc cref="DetectorThresholds.NoiseMean"/>
    public double NoiseMean { get; init; } = DetectorThresholds.NoiseMean;
    /// <summary>
    /// False tests a piece for noise only once it has been read (for measuring what testing its first stretch saves).
    /// </summary>
    public bool StopOnNoise { get; init; } = true;
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
        var (indices, _, _, clans) = _screened.Value;
        var (spaceCodes, spaceIndex) = _space.Value;
        // The pieces' confidences weighted by length, one sum per language in a fixed order (the screen's candidates,
        // then the languages only Lingua knows), added piece by piece: no dictionary per piece.
        var weighted = _weighted is { } w && w.Length >= spaceCodes.Length ? w : _weighted = new double[Math.Max(spaceCodes.Length, 16)];
        weighted.AsSpan(0, spaceCodes.Length).Clear();
        var perPiece = _perPiece ??= [];
        perPiece.Clear();
        var total = 0;
        var screened = UseScreen ? Screened(text, pieces) : null;
        var rowLength = _screen.Value.Languages.Count;
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            var (map, screenBest) = screened is not null ? screened[i]
                : (Confidences(piece.Length >= FastModeChars ? _fastDetector.Value : _detector.Value, text.Substring(piece.Start, piece.Length)), -1);
            if (map is not null)
            {
                var (code, _) = Best(map);
                var groupScore = 0.0;
                foreach (var (language, value) in map)
                {
                    weighted[spaceIndex[language]] += value * piece.Length;
                    if (PageEvidence.Confusable(language, code)) groupScore += value;
                }
                perPiece.Add((piece.Length, code, groupScore));
            }
            else if (screenBest >= 0)
                perPiece.Add((piece.Length, spaceCodes[screenBest], AddSoftmax(_scores!.AsSpan(i * rowLength, rowLength), indices, clans, screenBest, piece.Length, weighted)));
            else continue;
            total += piece.Length;
        }
        if (total == 0) return new LanguageResult("und", 0, "und", 0, false);
        var confidences = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var j = 0; j < spaceCodes.Length; j++)
            if (weighted[j] > 0) confidences[spaceCodes[j]] = weighted[j] / total;
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
    /// evenly spaced later ones (paragraphs under <see cref="DetectorThresholds.MinParagraphChars"/> characters, such as captions and datelines, are skipped when
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
                if (e - s >= DetectorThresholds.MinParagraphChars) longer.Add((s, e - s));
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
    [ThreadStatic] private static double[]? _weighted;
    [ThreadStatic] private static List<(int Length, string Best, double GroupScore)>? _perPiece;

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
    private (Dictionary<string, double>? Map, int ScreenBest)[] Screened(string text, List<(int Start, int Length)> pieces)
    {
        var screen = _screen.Value;
        var (indices, codes, unscreened, clans) = _screened.Value;
        var count = screen.Languages.Count;
        if (_scores is null || _scores.Length < pieces.Count * count) _scores = new double[Math.Max(pieces.Count * count, 16 * count)];
        var scores = _scores;
        scores.AsSpan(0, pieces.Count * count).Clear();
        var verdicts = new (int Trigrams, bool Blind, bool Dense, int Best, bool Decided, bool Noise)[pieces.Count];
        // A piece's confidences: Lingua's, or the softmax of its row of screen scores around its best candidate, or
        // neither when it is left out.
        var results = new (Dictionary<string, double>? Map, int ScreenBest)[pieces.Count];
        results.AsSpan().Fill((null, -1));
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
            var trigrams = ScoreUntilClear(screen, text.AsSpan(start, length), s, indices, clans, pieces.Count > 1, ClearMargin > 0 ? groupClan : -1, out var known, out var characters, out var unexplained);
            Interlocked.Add(ref _trigramsRead, trigrams);
            // Text in a script no trigram table knows (Chinese, Japanese, Korean) goes to Lingua's script rules.
            var blind = unscreened.Length > 0 && (indices.Length == 0 || known * 2 < trigrams);
            // Few trigrams per character (a script with vowel signs, such as Devanagari) leave the screen too little to
            // read: Lingua decides in its full mode, whose script rules narrow the candidates to the few that write it.
            var dense = trigrams >= MinTrigramShare * characters;
            if (!blind && trigrams == 0)
            {
                // Letters the screen reads no trigram of (single letters between digits and signs): Lingua among every
                // candidate, unless the rest of the document has settled it (decided below).
                if (characters < 10) results[i] = ([], -1);
                verdicts[i] = (0, false, false, -1, characters < 10, false);
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
                noise = unexplained || (dense && trigrams >= MinScreenTrigrams && s[indices[best]] < NoiseMean * trigrams
                    && Unexplained(screen, text.AsSpan(start, length), indices[best], trigrams));
                decided = !noise && (indices.Length < 2 || (trigrams >= MinScreenTrigrams && dense && s[indices[best]] - rival >= ScreenMargin));
                if (decided)
                {
                    results[i] = (null, best);
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
        // Characters the screen placed, alone or by agreeing with the document's group: once they reach
        // MinDecidedChars, all in that one group, a short piece it cannot place is left out rather than sent to Lingua
        // (see below). In a text of two languages the short pieces may be what tips the vote, so Lingua still reads them.
        // And the characters of the pieces it could not place, against those placed in pieces of MinParagraphChars or more (the pieces the
        // mixed-language flag counts): see LeaveOutMinority below.
        int settledChars = 0, settledMixedChars = 0, unplacedChars = 0;
        var oneGroup = documentGroup is not null;
        for (var i = 0; i < pieces.Count; i++)
        {
            var (trigrams, blind, dense, best, decided, noise) = verdicts[i];
            if (noise) continue;
            if (decided)
            {
                Interlocked.Increment(ref _screenPieces);
                if (best < 0) continue;
                Settle(pieces[i].Length);
                if (documentGroup is not null && !PageEvidence.Confusable(codes[best], documentGroup)) oneGroup = false;
            }
            else if (best >= 0 && documentGroup is not null && !blind && dense && trigrams >= MinAgreeingTrigrams && PageEvidence.Confusable(codes[best], documentGroup))
            {
                Interlocked.Increment(ref _agreeingPieces);
                results[i] = (null, best);
                verdicts[i].Decided = true;
                Settle(pieces[i].Length);
            }
            else unplacedChars += pieces[i].Length;
        }
        void Settle(int length)
        {
            settledChars += length;
            if (length >= DetectorThresholds.MinParagraphChars) settledMixedChars += length;
        }
        // The pieces the screen could not place, all of them together, are under MixedShare of a text whose placed pieces
        // are all in one group: whatever Lingua said of them, the text's language and its mixed flag would be the placed
        // pieces' (only its score could move), so they are left out rather than make Lingua load its models of the
        // screen's best few languages for them (a code listing, a list of references, a dateline).
        var minority = LeaveOutMinority && oneGroup && settledChars > 0 && pieces.Count > 1
            && unplacedChars < Math.Min(MixedShare, 0.5) * (settledMixedChars + unplacedChars);
        for (var i = 0; i < pieces.Count; i++)
        {
            var (trigrams, blind, dense, best, decided, noise) = verdicts[i];
            if (noise)
            {
                Interlocked.Increment(ref _unplacedPieces);
                continue;
            }
            if (decided) continue;
            // A heading, byline or table cell the screen cannot place weighs little by length in a document whose other
            // pieces it has already placed, and Lingua's answer on so few letters is unsure too; its full mode would load
            // five n-gram models of each of the screen's best few languages for it (hundreds of megabytes the first time).
            if (!blind && pieces.Count > 1 && (minority || (pieces[i].Length < FastModeChars && oneGroup && settledChars >= MinDecidedChars)))
            {
                Interlocked.Increment(ref _unplacedPieces);
                continue;
            }
            if (!blind && best < 0)
            {
                // Single letters between digits and signs (formulas, scores, codes) say nothing of a language: Lingua's answer
                // on them is spread thin over dozens of languages (0.04–0.10 the highest on a page of formulas), and over every
                // candidate its full mode loads a model of each. Beside a piece the screen has placed, they are left out.
                if (LeaveOutSignPieces && pieces.Count > 1 && settledChars > 0)
                {
                    Interlocked.Increment(ref _unplacedPieces);
                    continue;
                }
                Interlocked.Increment(ref _linguaPieces);
                results[i] = (Confidences(_detector.Value, text.Substring(pieces[i].Start, pieces[i].Length)), -1);
                continue;
            }
            var s = scores.AsSpan(i * count, count);
            // A paragraph really in another language reads clearly (it is why the mixed flag exists); one the screen can
            // neither place nor match to the document's clear group is noise (tables of names, codes, invented words) and
            // is left out rather than sent to Lingua, whose answer on it would be as unsure.
            // Only against a group the decided pieces agree on: pieces read until they agree weigh little in the sample's sum.
            if (agreedGroup is not null && !AskOutsideGroup && !blind && dense && pieces.Count > 1)
            {
                Interlocked.Increment(ref _unplacedPieces);
                results[i] = (null, -1);
                continue;
            }
            Interlocked.Increment(ref _linguaPieces);
            // In a text whose placed pieces are all in one group, Lingua's answer on the rest can only move the score or add
            // a second language, and its low-accuracy mode (trigram models alone) costs a fraction of the full mode's five
            // n-gram models per language: on a page of formulas, 22 MB against 292 MB the first time.
            var fast = (dense && pieces[i].Length >= FastModeChars) || (LowAccuracyOnceSettled && oneGroup && settledChars > 0);
            if (fast) Interlocked.Increment(ref _fastPieces);
            results[i] = (AskLingua(text, pieces[i], s, blind, fast), -1);
        }
        return results;
    }

    /// <summary>
    /// Scores a piece with the screen in runs of about <see cref="ClearCheckChars"/> characters, cut at spaces (where a
    /// run of letters ends anyway, so the sum is the whole piece's), and stops once the best group leads every other
    /// language by <see cref="ClearMargin"/> nats over at least <see cref="MinScreenTrigrams"/> trigrams, dense ones:
    /// the rest of the piece could only add to a verdict already far past <see cref="ScreenMargin"/>; or once its first
    /// <see cref="MinScreenTrigrams"/> are noise (<paramref name="unexplained"/>, see <see cref="Unexplained"/>). Returns
    /// the trigrams read.
    /// </summary>
    private int ScoreUntilClear(TrigramScreen screen, ReadOnlySpan<char> piece, Span<double> s, int[] indices, int[] clans, bool stop, int agreeClan, out int known, out int characters, out bool unexplained)
    {
        unexplained = false;
        var noiseChecked = false;
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
            // A piece no language explains (invented words, codes) is noise from its first checked stretch on; read whole,
            // it is read twice (once to score, once to test). Tested once, on the stretch read, as the whole piece would be.
            if (StopOnNoise && !noiseChecked && trigrams >= MinScreenTrigrams)
            {
                noiseChecked = true;
                if (s[indices[best]] < NoiseMean * trigrams && Unexplained(screen, piece[..at], indices[best], trigrams))
                {
                    unexplained = true;
                    break;
                }
            }
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

    private long _screenPieces, _agreeingPieces, _linguaPieces, _fastPieces, _unplacedPieces, _trigramsRead;

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
    /// Of the pieces Lingua decided among the screen's best few, those it read in its low-accuracy mode (trigram models
    /// only, the cheaper to load).
    /// </summary>
    public long LowAccuracyPieces => Interlocked.Read(ref _fastPieces);


    // Adds the piece's softmax, weighted by its length, to the document's sums (the candidates come first in them) and
    // returns the share of the piece's best group, for the mixed-language flag.
    private static double AddSoftmax(ReadOnlySpan<double> scores, int[] indices, int[] clans, int best, int length, double[] weighted)
    {
        var top = scores[indices[best]];
        double sum = 0;
        for (var k = 0; k < indices.Length; k++) if (top - scores[indices[k]] < DetectorThresholds.Negligible) sum += Math.Exp(scores[indices[k]] - top);
        var group = 0.0;
        for (var k = 0; k < indices.Length; k++)
            if (top - scores[indices[k]] < DetectorThresholds.Negligible)
            {
                var value = Math.Exp(scores[indices[k]] - top) / sum;
                weighted[k] += value * length;
                if (clans[k] == clans[best]) group += value;
            }
        return group;
    }

    /// <summary>Lingua among the screen's <see cref="ScreenKeep"/> best languages and their confusable partners.</summary>
    private Dictionary<string, double> AskLingua(string text, (int Start, int Length) piece, ReadOnlySpan<double> scores, bool blind, bool fast)
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
        var detector = Narrowed(chosen, fast);
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
    /// Pieces of at least <see cref="DetectorThresholds.MinParagraphChars"/> characters that the detector places confidently (≥ 0.8) in a language outside the
    /// document's confusable group count against the document; Indonesian and Malay pieces of one article are not
    /// "mixed", since a single paragraph is too short to tell them apart reliably.
    /// </summary>
    private bool IsMixed(List<(int Length, string Best, double GroupScore)> pieces, string documentLanguage)
    {
        if (pieces.Count < 2) return false;
        double total = 0, other = 0;
        // A piece's group counts as a whole: an Indonesian paragraph split 0.6/0.4 with Malay is still surely not English.
        foreach (var (length, code, groupScore) in pieces)
        {
            if (length < DetectorThresholds.MinParagraphChars) continue;
            total += length;
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
