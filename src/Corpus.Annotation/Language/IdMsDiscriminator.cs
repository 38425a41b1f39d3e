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

    /// <summary>Log-odds that the text is Indonesian rather than Malay (positive: Indonesian).</summary>
    public double LogOdds(string text)
    {
        var span = text.AsSpan(0, Math.Min(text.Length, MaxChars));
        Span<double> scores = stackalloc double[model.Labels.Count];
        model.AddScores(span, scores);
        return scores[IndexOf("id")] - scores[IndexOf("ms")];
    }

    private int IndexOf(string label)
    {
        for (var i = 0; i < model.Labels.Count; i++) if (model.Labels[i] == label) return i;
        throw new InvalidOperationException($"The id/ms model has no label '{label}'.");
    }
}
