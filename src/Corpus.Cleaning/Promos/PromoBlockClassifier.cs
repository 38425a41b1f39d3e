namespace Corpus.Cleaning.Promos;

/// <summary>
/// The DOM pass: decides whether an in-body block points the reader elsewhere. Returns the name of the rule that
/// matched (for counting and <c>--explain</c>), or null for real body text. Shares its lead phrases with the text pass.
/// </summary>
public sealed class PromoBlockClassifier(PromoRules rules)
{
    private readonly PromoLineRemover _lines = new(rules);

    public string? Match(PromoBlock block)
    {
        if (_lines.IsPromo(block.Text)) return "promo.lead_phrase";
        return null;
    }
}
