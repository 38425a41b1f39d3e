using System.Globalization;
using System.Reflection;
using Corpus.Annotation.Features;

namespace Corpus.Annotation.Topics;

/// <summary>
/// The text side of topic classification: keyword priors written by hand per language (<c>Data/topic-keywords.tsv</c>)
/// and, in a trained model, a multinomial logistic regression over hashed word uni/bigrams and character n-grams
/// (<see cref="Learned"/>) made by <c>corpus topics train</c>. The priors give every topic a logit of
/// <see cref="PriorWeight"/> × ln(1 + keyword evidence); the regression, trained with those logits as its offset,
/// redistributes the probability of the topics it learned among themselves, so topics its data never showed (SIB-200
/// has no economy class) keep the priors' say. The shipped model is <c>Data/topics.model.gz</c>.
/// </summary>
public sealed class TopicModel
{
    public const string ShippedFile = "topics.model.gz";
    /// <summary>
    /// The regression reads the title and at most this many characters of the text: every SIB-200 sentence whole (the
    /// longest has 410), and an article's lead, which carries its topic. On an article its share of the logit is
    /// small anyway (<see cref="LearnedShare"/>). BBC accuracy: 0.900 reading 2,000 characters, 0.901 reading 600 (with
    /// the priors bounded by <see cref="MaxKeywordChars"/>), at less than half the cost.
    /// </summary>
    public const int MaxChars = 600;

    /// <summary>
    /// The keyword priors read the title and at most this many characters of the text (most news articles whole: the
    /// BBC set's median is 1,900), so the cost of a topic is bounded however long the article is.
    /// </summary>
    public const int MaxKeywordChars = 4000;

    /// <summary>Characters of the text the regression reads when scoring (<see cref="MaxChars"/> unless set).</summary>
    public int LearnedChars { get; init; } = MaxChars;

    /// <summary>
    /// The longest text (title and the priors' read, in characters) the regression is asked about: it reads such a text
    /// whole. On a longer one (an article) the keyword priors, which then have plenty of evidence, decide alone, and a
    /// topic costs their count alone. BBC: 0.903 so, 0.899 with the regression's 1/length share on every article.
    /// A model trained on longer texts (section-labelled pages) records the longest in <see cref="RegressionUpToProperty"/>
    /// and is asked about texts up to that length, since it learned from articles.
    /// </summary>
    public int RegressionUpTo { get; init; }

    /// <summary>The model property recording the longest training text, written only when it exceeds <see cref="MaxChars"/>.</summary>
    public const string RegressionUpToProperty = "regression_up_to";

    /// <summary>Characters of the text the keyword priors read (<see cref="MaxKeywordChars"/> unless set).</summary>
    public int KeywordChars { get; init; } = MaxKeywordChars;

    private readonly Dictionary<ulong, float[]> _priors;
    private readonly KeywordTable _keywords;
    private readonly int[] _learnedIndex;
    private readonly TopicWeights? _weights;

    public TopicModel(IReadOnlyList<IptcTopic> topics, Dictionary<ulong, float[]> priors, string name, LinearModel? learned = null)
    {
        Topics = topics;
        _priors = priors;
        _keywords = new KeywordTable(priors);
        Name = name;
        Learned = learned;
        _learnedIndex = learned is null ? [] : learned.Labels.Select(l => KeywordPriors.IndexOf(topics, IptcTopics.Get(l))).ToArray();
        _weights = learned is not null && TopicWeights.Reads(learned) ? new TopicWeights(learned) : null;
        PriorWeight = learned?.Properties.TryGetValue("prior_weight", out var w) == true ? double.Parse(w, CultureInfo.InvariantCulture) : 1;
        LongPriorWeight = learned?.Properties.TryGetValue("prior_weight_long", out var l) == true ? double.Parse(l, CultureInfo.InvariantCulture) : PriorWeight;
        LearnedWeight = learned?.Properties.TryGetValue(LearnedWeightProperty, out var lw) == true ? double.Parse(lw, CultureInfo.InvariantCulture) : 1;
        RegressionUpTo = learned?.Properties.TryGetValue(RegressionUpToProperty, out var r) == true ? int.Parse(r, CultureInfo.InvariantCulture) : MaxChars;
    }

    public IReadOnlyList<IptcTopic> Topics { get; }

    /// <summary>
    /// What the regression's scores are multiplied by before they join the priors' offset (model property
    /// <see cref="LearnedWeightProperty"/>; 1 when absent, as in models written before it).
    /// </summary>
    public double LearnedWeight { get; init; }

    public const string LearnedWeightProperty = "learned_weight";

    /// <summary>Where the model came from: <c>keyword priors</c>, <c>shipped</c> or a file name.</summary>
    public string Name { get; }

    public LinearModel? Learned { get; }

    /// <summary>Weight of the keyword priors on a text of up to <see cref="FullShareChars"/> characters (a sentence).</summary>
    public double PriorWeight { get; }

    /// <summary>
    /// Weight of the keyword priors on a long text. A sentence holds a keyword or two, weak evidence the regression
    /// should be free to overrule; an article holds dozens, and there the priors deserve their full say.
    /// </summary>
    public double LongPriorWeight { get; }

    /// <summary>The priors' weight for a text of <paramref name="chars"/> characters: from <see cref="PriorWeight"/> on a sentence towards <see cref="LongPriorWeight"/> as the regression's share falls.</summary>
    public double PriorWeightFor(int chars) => PriorWeightFor(chars, PriorWeight, LongPriorWeight);

    public static double PriorWeightFor(int chars, double shortWeight, double longWeight) =>
        shortWeight + (longWeight - shortWeight) * (1 - LearnedShare(chars));

    public int FeatureCount => _priors.Count + (Learned?.NonZeroBuckets ?? 0);

    /// <summary>The keyword priors alone (the baseline every evaluation prints beside the trained model).</summary>
    public static TopicModel KeywordPriorsOnly { get; } = new(IptcTopics.All, KeywordPriors.Load(), "keyword priors");

    private static readonly Lazy<TopicModel> ShippedModel = new(() =>
    {
        var resource = $"Corpus.Annotation.Data.{ShippedFile}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"The embedded model {resource} is missing from the build.");
        return new TopicModel(IptcTopics.All, KeywordPriors.Load(), "shipped " + ShippedFile, LinearModel.Read(stream, ShippedFile, "topic model"));
    });

    /// <summary>The model the stage uses when the recipe names none: trained on SIB-200 with the keyword priors.</summary>
    public static TopicModel Shipped => ShippedModel.Value;

    /// <summary>Kept for callers of the keyword-only model.</summary>
    public static TopicModel Builtin => KeywordPriorsOnly;

    [ThreadStatic] private static float[]? _keywordCounts;
    [ThreadStatic] private static List<int>? _keywordsSeen;

    /// <summary>
    /// What each keyword of the title counts: twice beside a text of up to <see cref="MaxChars"/> characters (a headline
    /// is the densest statement of a topic), and beside a longer text in proportion to the characters the priors read
    /// of it, so that the headline keeps its say against the body however long the article runs (its count is damped
    /// as 1 + ln count like any other, so it grows slowly).
    /// </summary>
    public static float TitleWeight(int textChars) => textChars <= MaxChars ? 2f : (float)(2.0 * textChars / MaxChars);

    /// <summary>Per-topic keyword evidence (the title weighted by <see cref="TitleWeight"/>).</summary>
    public double[] KeywordEvidence(string text, string? title)
    {
        // One count per entry and a list of the entries seen, per thread, cleared after use: counting allocates nothing.
        var counts = _keywordCounts;
        if (counts is null || counts.Length < _keywords.Entries) _keywordCounts = counts = new float[Math.Max(_keywords.Entries, 1)];
        var seen = _keywordsSeen ??= new List<int>();
        var read = Math.Min(text.Length, KeywordChars);
        _keywords.Count(text.AsSpan(0, read), 1f, counts, seen);
        if (!string.IsNullOrWhiteSpace(title)) _keywords.Count(title, TitleWeight(read), counts, seen);
        var scores = new double[Topics.Count];
        foreach (var e in seen)
        {
            var w = _keywords.Weights[e];
            var damp = 1 + Math.Log(counts[e]);
            for (var t = 0; t < w.Length; t++) scores[t] += w[t] * damp;
            counts[e] = 0;
        }
        seen.Clear();
        return scores;
    }

    /// <summary>
    /// How much the regression counts for a text of this many characters: fully up to <see cref="FullShareChars"/>
    /// (it was trained on single sentences, where keyword evidence is thin), then falling as 1/length, so on a whole
    /// article the keyword priors, which then have plenty of evidence, lead.
    /// </summary>
    public static double LearnedShare(int chars) => Math.Min(1.0, FullShareChars / Math.Max(1.0, chars));

    public const double FullShareChars = 250;

    /// <summary>The characters the keyword evidence of this text and title comes from: what the priors' weight and the regression's share go by.</summary>
    public int EvidenceChars(string text, string? title) => Math.Min(text.Length, KeywordChars) + (title?.Length ?? 0);

    /// <summary>The prior part of a topic's logit.</summary>
    public static float[] PriorOffset(double[] evidence, double weight) => evidence.Select(e => (float)(weight * Math.Log(1 + e))).ToArray();

    /// <summary>The learned model's features of a document: title and the start of the text.</summary>
    public static SparseVector LearnedFeatures(LinearModel learned, string text, string? title)
    {
        var body = text.AsSpan(0, Math.Min(text.Length, MaxChars));
        if (TopicWeights.Reads(learned)) return TopicWeights.Features(string.IsNullOrWhiteSpace(title) ? [] : title.AsSpan(), body, learned.Spec, SubwordFeatures.Of(learned), WordShapeFeatures.Of(learned));
        if (string.IsNullOrWhiteSpace(title)) return learned.Features(body, normalise: true);
        return learned.Features(string.Concat(title, "\n", body), normalise: true);
    }

    /// <summary>
    /// Per-topic scores: keyword evidence for the keyword-only model, else logits (the priors' offset plus the
    /// regression's scores).
    /// </summary>
    public double[] Score(string text, string? title)
    {
        var evidence = KeywordEvidence(text, title);
        if (Learned is null) return evidence;
        // The priors give a distribution over every topic. The regression only redistributes the share of the topics
        // it learned among themselves (a source that never showed economy says nothing for or against it), with the
        // priors as the offset it was trained on.
        var chars = EvidenceChars(text, title);
        var weight = PriorWeightFor(chars);
        var prior = new double[evidence.Length];
        for (var t = 0; t < prior.Length; t++) prior[t] = (float)(weight * Math.Log(1 + evidence[t]));
        var p = Features.LinearModel.Softmax(prior);
        if (chars <= RegressionUpTo) AddLearned(text, title, chars, prior, p);
        for (var t = 0; t < p.Length; t++) p[t] = Math.Log(Math.Max(p[t], 1e-300));
        return p;
    }

    private void AddLearned(string text, string? title, int chars, double[] prior, double[] p)
    {
        var k = Learned!.Labels.Count;
        Span<double> learned = stackalloc double[k];
        learned.Clear();
        var head = string.IsNullOrWhiteSpace(title) ? [] : title.AsSpan();
        var body = text.AsSpan(0, Math.Min(text.Length, LearnedChars));
        if (_weights is not null) _weights.AddScores(head, body, learned);
        else Learned.AddNormalisedScores(head, body, learned);
        var share = LearnedShare(chars);
        Span<double> inner = stackalloc double[k];
        double mass = 0, max = double.NegativeInfinity;
        for (var i = 0; i < k; i++)
        {
            mass += p[_learnedIndex[i]];
            inner[i] = prior[_learnedIndex[i]] + LearnedWeight * share * learned[i];
            max = Math.Max(max, inner[i]);
        }
        double sum = 0;
        for (var i = 0; i < k; i++) sum += inner[i] = Math.Exp(inner[i] - max);
        for (var i = 0; i < k; i++) p[_learnedIndex[i]] = mass * inner[i] / sum;
    }

    public void Save(string path)
    {
        if (Learned is null) throw new InvalidOperationException("Only a trained model is saved; the keyword priors ship as data.");
        Learned.Save(path);
    }

    public static TopicModel Load(string path)
    {
        if (!File.Exists(path)) throw new Corpus.Core.CorpusUserException($"Topic model '{path}' does not exist.");
        using var stream = File.OpenRead(path);
        var learned = LinearModel.Read(stream, path, "topic model");
        foreach (var label in learned.Labels)
            if (IptcTopics.Find(label) is null) throw new Corpus.Core.CorpusUserException($"{path}: '{label}' is not a top-level IPTC Media Topic.");
        if (SubwordFeatures.Of(learned) is { } subwords && !SubwordFeatures.Known(subwords))
            throw new Corpus.Core.CorpusUserException($"{path}: its token features '{subwords}' are not ones this version computes ({SubwordFeatures.KnownKinds}).");
        if (WordShapeFeatures.Of(learned) is { } words && !WordShapeFeatures.Known(words))
            throw new Corpus.Core.CorpusUserException($"{path}: its word features '{words}' are not ones this version computes ({WordShapeFeatures.KnownKinds}).");
        return new TopicModel(IptcTopics.All, KeywordPriors.Load(), Path.GetFileName(path), learned);
    }
}
