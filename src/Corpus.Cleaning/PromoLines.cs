using Corpus.Core.Documents;
using Corpus.Text.Promos;

namespace Corpus.Cleaning;

/// <summary>Finds where the text pass's removed promo lines stood, to record each with the lines around it.</summary>
public static class PromoLines
{
    /// <summary>Matches the removed promos, in order, to the lines of <paramref name="text"/> they were taken from.</summary>
    public static IReadOnlyList<PromoRemoval> Locate(string text, IReadOnlyList<RemovedPromo> removed)
    {
        var lines = text.Split('\n');
        var found = new List<(int Index, string Rule)>(removed.Count);
        var next = 0;
        foreach (var promo in removed)
        {
            var i = next;
            while (i < lines.Length && lines[i].Trim() != promo.Text) i++;
            if (i == lines.Length) break; // not where expected: the rest are recorded without neighbours
            found.Add((i, promo.Rule));
            next = i + 1;
        }
        return [.. PromoRemoval.InLines(lines, found), .. removed.Skip(found.Count).Select(p => PromoRemoval.Of(p.Rule, p.Text, null, null))];
    }
}
