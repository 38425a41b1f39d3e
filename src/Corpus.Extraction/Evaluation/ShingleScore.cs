using System.Globalization;
using System.Text;

namespace Corpus.Extraction.Evaluation;

/// <summary>One page's shingle match, normalised so tp + fp + fn = 1 (when any shingle exists).</summary>
public readonly record struct ShingleScore(double Tp, double Fp, double Fn, bool TokensIdentical)
{
    /// <summary>1 when nothing was missed nor added; 0 when nothing was right; otherwise tp / (tp + fp).</summary>
    public double Precision => Fp == 0 && Fn == 0 ? 1 : Tp == 0 && Fp == 0 ? 0 : Tp / (Tp + Fp);
    public double Recall => Fp == 0 && Fn == 0 ? 1 : Tp == 0 && Fn == 0 ? 0 : Tp / (Tp + Fn);
    public bool CountsForPrecision => Tp + Fp > 0;
    public bool CountsForRecall => Tp + Fn > 0;

    public const int ShingleSize = 4;

    /// <summary>
    /// The ScrapingHub article-extraction-benchmark metric: 4-token shingles of <c>\w+</c> runs, counted as multisets.
    /// </summary>
    public static ShingleScore Compare(string truth, string prediction)
    {
        var t = Tokenize(truth);
        var p = Tokenize(prediction);
        var truthShingles = Shingles(t);
        var predShingles = Shingles(p);
        double tp = 0, fp = 0, fn = 0;
        foreach (var (key, tc) in truthShingles)
        {
            var pc = predShingles.GetValueOrDefault(key);
            tp += Math.Min(tc, pc);
            fn += Math.Max(0, tc - pc);
        }
        foreach (var (key, pc) in predShingles)
            fp += Math.Max(0, pc - truthShingles.GetValueOrDefault(key));
        var sum = tp + fp + fn;
        if (sum > 0) (tp, fp, fn) = (tp / sum, fp / sum, fn / sum);
        return new ShingleScore(tp, fp, fn, t.SequenceEqual(p, StringComparer.Ordinal));
    }

    /// <summary>
    /// Runs of word characters as Python's <c>re</c> defines <c>\w</c> for str patterns (the reference is Python):
    /// letters, numbers of any kind and the underscore. Unlike .NET's <c>\w</c>, combining marks split a run and
    /// other connector punctuation does not join one, so this is written out rather than left to Regex.
    /// </summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordRune(rune)) { current.Append(rune.ToString()); continue; }
            if (current.Length > 0) { tokens.Add(current.ToString()); current.Clear(); }
        }
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }

    private static bool IsWordRune(Rune r)
    {
        if (r.Value == '_') return true;
        return Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            _ => false,
        };
    }

    // A text of fewer than four tokens is one shorter shingle; no tokens, no shingles.
    private static Dictionary<string, int> Shingles(List<string> tokens)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokens.Count == 0) return counts;
        var windows = Math.Max(1, tokens.Count - ShingleSize + 1);
        for (var i = 0; i < windows; i++)
        {
            // U+0001 cannot occur inside a token, so the joined key is unambiguous.
            var key = string.Join('\u0001', tokens.Skip(i).Take(ShingleSize));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }
}
