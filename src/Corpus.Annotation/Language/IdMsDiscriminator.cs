using Corpus.Annotation.Features;

namespace Corpus.Annotation.Language;

/// <summary>
/// The second stage for Indonesian against Malay, a dialect-identification problem a general detector handles poorly:
/// a logistic regression over hashed word unigrams and bigrams and character 2–5-grams (<c>Data/id-ms.model.gz</c>,
/// made by <c>corpus langid train</c>), whose word weights start from log-ratios of the two languages' word frequency
/// lists. It reads at most <see cref="MaxChars"/> characters: past a few paragraphs the answer no longer changes.
/// </summary>
public sealed class IdMsDiscriminator(LinearModel model)
{
    public const string ModelFile = "id-ms.model.gz";
    public const int MaxChars = 2000;

    private static readonly Lazy<IdMsDiscriminator> Shipped = new(() => new IdMsDiscriminator(LinearModel.LoadEmbedded(ModelFile)));

    public static IdMsDiscriminator Default => Shipped.Value;

    public LinearModel Model => model;

    /// <summary>Log-odds that the text is Indonesian rather than Malay (positive: Indonesian).</summary>
    public double LogOdds(string text)
    {
        var span = text.AsSpan(0, Math.Min(text.Length, MaxChars));
        var scores = model.Scores(model.Features(span, normalise: false));
        var id = IndexOf("id");
        var ms = IndexOf("ms");
        return scores[id] - scores[ms];
    }

    private int IndexOf(string label)
    {
        for (var i = 0; i < model.Labels.Count; i++) if (model.Labels[i] == label) return i;
        throw new InvalidOperationException($"The id/ms model has no label '{label}'.");
    }
}
