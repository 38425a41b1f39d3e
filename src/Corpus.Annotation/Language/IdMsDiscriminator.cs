using Corpus.Annotation.Features;

namespace Corpus.Annotation.Language;

/// <summary>
/// The second stage for Indonesian against Malay, a dialect-identification problem a general detector handles poorly:
/// a logistic regression over hashed word unigrams and bigrams and character 2–5-grams (<c>Data/id-ms.model.gz</c>,
/// made by <c>corpus langid train</c>), whose word weights start from log-ratios of the two languages' word frequency
/// lists. It reads at most <see cref="MaxChars"/> characters (longer than any sentence set it is measured on): past a few paragraphs the answer no longer changes, and every character read costs.
/// </summary>
public sealed class IdMsDiscriminator(LinearModel model)
{
    public const string ModelFile = "id-ms.model.gz";
    public const int MaxChars = 1000;

    private static readonly Lazy<IdMsDiscriminator> Shipped = new(() => new IdMsDiscriminator(LinearModel.LoadEmbedded(ModelFile)));

    public static IdMsDiscriminator Default => Shipped.Value;

    public LinearModel Model => model;

    /// <summary>Characters always read (longer than most sentences the model is measured on).</summary>
    public const int FirstChars = 250;
    /// <summary>Characters read at a time after the first <see cref="FirstChars"/>, until the log-odds are decisive.</summary>
    public const int StepChars = 150;

    /// <summary>Log-odds that the text is Indonesian rather than Malay (positive: Indonesian).</summary>
    public double LogOdds(string text) => LogOdds(text, double.PositiveInfinity);

    /// <summary>
    /// Log-odds that the text is Indonesian rather than Malay, reading the first <see cref="FirstChars"/> characters and
    /// then <see cref="StepChars"/> more at a time (cut at a space) up to <see cref="MaxChars"/>, and stopping once the
    /// log-odds reach <paramref name="decisive"/> either way. The model counts each feature occurrence (raw counts), so
    /// the parts' scores add up to the whole's, but for the one word pair across each cut.
    /// </summary>
    public double LogOdds(string text, double decisive)
    {
        var limit = Math.Min(text.Length, MaxChars);
        Span<double> scores = stackalloc double[model.Labels.Count];
        var (id, ms) = (IndexOf("id"), IndexOf("ms"));
        var end = Cut(text, 0, FirstChars, limit);
        model.AddScores(text.AsSpan(0, end), scores);
        while (end < limit && Math.Abs(scores[id] - scores[ms]) < decisive)
        {
            var next = Cut(text, end, StepChars, limit);
            model.AddScores(text.AsSpan(end, next - end), scores);
            // Each part adds the bias again.
            for (var c = 0; c < scores.Length; c++) scores[c] -= model.Bias[c];
            end = next;
        }
        return scores[id] - scores[ms];
    }

    // The end of a part of about `size` characters from `start`, at a space when one is near, never past `limit`;
    // a remainder shorter than half a part joins this one.
    private static int Cut(string text, int start, int size, int limit)
    {
        if (limit - start <= size + size / 2) return limit;
        var space = text.LastIndexOf(' ', start + size, size / 2);
        return space > start ? space : start + size;
    }

    private int IndexOf(string label)
    {
        for (var i = 0; i < model.Labels.Count; i++) if (model.Labels[i] == label) return i;
        throw new InvalidOperationException($"The id/ms model has no label '{label}'.");
    }
}
