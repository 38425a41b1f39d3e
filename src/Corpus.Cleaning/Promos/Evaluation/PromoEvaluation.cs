using System.Globalization;
using Corpus.Text;

namespace Corpus.Cleaning.Promos.Evaluation;

/// <summary>Removal counted as a retrieval task: a removed promo is a true positive, a removed body paragraph a false one.</summary>
public sealed record PromoScore(int Promos, int PromosRemoved, int Body, int BodyRemoved)
{
    public int TruePositives => PromosRemoved;
    public int FalsePositives => BodyRemoved;
    public int FalseNegatives => Promos - PromosRemoved;
    public double Precision => PromosRemoved + BodyRemoved == 0 ? 1 : (double)PromosRemoved / (PromosRemoved + BodyRemoved);
    public double Recall => Promos == 0 ? 1 : (double)PromosRemoved / Promos;

    public PromoScore Add(PromoScore o) => new(Promos + o.Promos, PromosRemoved + o.PromosRemoved, Body + o.Body, BodyRemoved + o.BodyRemoved);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"precision {Precision:0.0000}  recall {Recall:0.0000}  (promos {PromosRemoved}/{Promos} removed, body {BodyRemoved}/{Body} wrongly removed)");
}

/// <summary>A labelled block that came out wrong: a promo left in, or a body paragraph taken out.</summary>
public sealed record PromoMistake(string Item, bool IsPromo, string Text);

/// <summary>The score of one pass over a set of items, overall and per language (from the item name's prefix).</summary>
public sealed record PromoReport(PromoScore Total, IReadOnlyDictionary<string, PromoScore> ByLanguage, IReadOnlyList<PromoMistake> Mistakes);

/// <summary>
/// Scores promo removal on labelled items: each item is turned into output lines by <c>clean</c> (the extractor plus
/// the text pass for pages, the text pass alone for plain text); a promo is removed when no output line equals it,
/// a body paragraph is kept when one does.
/// </summary>
public static class PromoEvaluation
{
    public static PromoReport Score(IEnumerable<IGrouping<string, PromoLabel>> items, Func<string, IReadOnlyList<string>> clean)
    {
        var total = new PromoScore(0, 0, 0, 0);
        var byLanguage = new SortedDictionary<string, PromoScore>(StringComparer.Ordinal);
        var mistakes = new List<PromoMistake>();
        foreach (var item in items)
        {
            var lines = clean(item.Key).ToHashSet(StringComparer.Ordinal);
            int promos = 0, removed = 0, body = 0, bodyRemoved = 0;
            foreach (var label in item)
            {
                var present = lines.Contains(TextNormalizer.Normalize(label.Text));
                if (label.IsPromo) { promos++; if (!present) removed++; else mistakes.Add(new PromoMistake(item.Key, true, label.Text)); }
                else { body++; if (!present) { bodyRemoved++; mistakes.Add(new PromoMistake(item.Key, false, label.Text)); } }
            }
            var score = new PromoScore(promos, removed, body, bodyRemoved);
            total = total.Add(score);
            var language = Path.GetFileName(item.Key).Split('-')[0];
            byLanguage[language] = byLanguage.TryGetValue(language, out var s) ? s.Add(score) : score;
        }
        return new PromoReport(total, byLanguage, mistakes);
    }
}
