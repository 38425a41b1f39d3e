using System.Reflection;

namespace Corpus.Cleaning.Promos;

/// <summary>The lead-phrase table (<c>Data/promo-lead-phrases.tsv</c>), loaded once.</summary>
public sealed class PromoRules
{
    public IReadOnlyList<(string Language, string Phrase)> LeadPhrases { get; }
    /// <summary>Promo lines are short: a line with more words than this is never removed by a lead phrase alone.</summary>
    public int MaxPromoWords { get; init; } = 25;

    private PromoRules(IReadOnlyList<(string, string)> phrases) => LeadPhrases = phrases;

    public static PromoRules Default { get; } = Load();

    private static PromoRules Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Corpus.Cleaning.Data.promo-lead-phrases.tsv")
            ?? throw new InvalidOperationException("promo-lead-phrases.tsv is not embedded");
        using var reader = new StreamReader(stream);
        var phrases = new List<(string, string)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cols = line.Split('\t');
            if (cols.Length != 2) throw new FormatException($"promo-lead-phrases.tsv: bad line '{line}'");
            phrases.Add((cols[0], cols[1].ToLowerInvariant()));
        }
        return new PromoRules(phrases);
    }
}
