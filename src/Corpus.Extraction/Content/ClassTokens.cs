using AngleSharp.Dom;

namespace Corpus.Extraction.Content;

/// <summary>Class, id and itemprop values split into lower-case word parts, and their weight from the data table.</summary>
public sealed class ClassTokens(ExtractionRules rules)
{
    public static List<string> Of(IElement el)
    {
        var tokens = new List<string>();
        if (el.Attributes.Length == 0) return tokens;
        Split(el.GetAttribute("class"), tokens);
        Split(el.GetAttribute("id"), tokens);
        Split(el.GetAttribute("itemprop"), tokens);
        return tokens;
    }

    /// <summary>"story-body__inner" → story, body, inner; "articleBody" → articlebody (camel case is kept whole).</summary>
    private static void Split(string? value, List<string> into)
    {
        if (string.IsNullOrEmpty(value)) return;
        var start = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            var letter = i < value.Length && char.IsLetter(value[i]);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                into.Add(value[start..i].ToLowerInvariant());
                start = -1;
            }
        }
    }

    /// <summary>
    /// The strongest positive token plus the strongest negative one: an element marked both "article" and "share" is
    /// judged on both, but five chrome tokens do not weigh five times one.
    /// </summary>
    public double Weight(IElement el) => Weight(Of(el));

    public double Weight(IReadOnlyList<string> tokens)
    {
        double best = 0, worst = 0;
        foreach (var token in tokens)
        {
            if (!rules.TokenWeights.TryGetValue(token, out var w)) continue;
            if (w > best) best = w;
            if (w < worst) worst = w;
        }
        return best + worst;
    }

    /// <summary>The negative token that marks the element as chrome, if it has one and no positive token.</summary>
    public string? ChromeToken(IElement el)
    {
        string? found = null;
        double worst = 0;
        foreach (var token in Of(el))
        {
            if (!rules.TokenWeights.TryGetValue(token, out var w)) continue;
            if (w > 0) return null;
            if (w < worst) (worst, found) = (w, token);
        }
        return found;
    }
}
