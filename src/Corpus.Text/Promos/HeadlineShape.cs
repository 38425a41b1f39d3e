namespace Corpus.Text.Promos;

/// <summary>What a headline looks like as opposed to a sentence: short, no closing full stop, often title case.</summary>
public static class HeadlineShape
{
    /// <summary>No sentence-ending punctuation and most words capitalised ("Harga Beras Turun Jelang Panen").</summary>
    public static bool IsTitleCased(string text)
    {
        if (text.Length == 0 || EndsLikeSentence(text)) return false;
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.TrimStart('"', '\'', '“', '‘', '«', '(', '['))
            .Where(w => w.Length > 0 && char.IsLetterOrDigit(w[0])).ToList();
        if (words.Count == 0) return false;
        var capitalised = words.Count(w => char.IsUpper(w[0]) || char.IsDigit(w[0]));
        return capitalised * 2 > words.Count;
    }

    /// <summary>A short line without a closing full stop: how a headline stands on its own line after "Baca juga:".</summary>
    public static bool IsHeadlineLine(string text, int maxWords)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || EndsLikeSentence(trimmed)) return false;
        var words = Corpus.Core.Text.WordCounter.Count(trimmed);
        return words is > 0 && words <= maxWords;
    }

    /// <summary>Opens with a capital, has no closing full stop and is short: "Le prix du riz recule avant la récolte".</summary>
    public static bool IsSentenceCaseHeadline(string text, int maxWords)
    {
        var t = text.TrimStart('"', '\'', '“', '‘', '«', '„', '(', '[', ' ');
        return t.Length > 0 && char.IsUpper(t[0]) && !EndsLikeSentence(t) && Corpus.Core.Text.WordCounter.Count(t) <= maxWords;
    }

    public static bool EndsLikeSentence(string text)
    {
        var t = text.TrimEnd().TrimEnd('"', '\'', '”', '’', '»', ')');
        return t.Length > 0 && t[^1] is '.' or '!' or ';' or ',' or ':' or '。';
    }
}
