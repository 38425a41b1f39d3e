using Corpus.Annotation.Features;

namespace Corpus.Annotation.Topics;

/// <summary>
/// Optional word features of the topic regression beside <see cref="FeatureSpec"/>'s: the first letters of a longer word
/// (<c>prefixN</c>, a stem that needs no language's rules: with N = 5, <c>ekonomi</c> and <c>ekonomian</c> share
/// <c>ekono</c>) and pairs of words one word apart (<c>skip</c>: <c>w1 _ w3</c>, a phrase whose middle
/// word varies).
/// A model trained with them records <see cref="Property"/> so that scoring computes them too; a model that does not
/// record it reads none of them.
/// </summary>
public static class WordShapeFeatures
{
    /// <summary>The model property naming the kinds, joined by '+': e.g. <c>prefix5+skip</c>.</summary>
    public const string Property = "word_features";
    public const string Skip = "skip";
    public const string Prefix = "prefix";

    /// <summary>The kinds this build computes, for messages.</summary>
    public const string KnownKinds = "'prefixN' (N from 3 to 8), 'skip', or both joined by '+'";

    private const uint PrefixSalt = 0x3C6EF372u;
    private const uint SkipSalt = 0xA54FF53Au;

    /// <summary>The parsed kinds: the prefix length (0: none) and whether skip pairs are added.</summary>
    public readonly record struct Kinds(int PrefixLength, bool SkipPairs)
    {
        public bool Any => PrefixLength > 0 || SkipPairs;
    }

    /// <summary>The word features <paramref name="learned"/> was trained with, or null.</summary>
    public static string? Of(LinearModel learned) => learned.Properties.TryGetValue(Property, out var v) ? v : null;

    /// <summary>Whether <paramref name="value"/> names word features this build computes.</summary>
    public static bool Known(string value) => TryParse(value, out _);

    public static Kinds Parse(string? value) => value is not null && TryParse(value, out var kinds) ? kinds : default;

    private static bool TryParse(string value, out Kinds kinds)
    {
        kinds = default;
        var prefix = 0;
        var skip = false;
        foreach (var part in value.Split('+'))
        {
            if (part == Skip && !skip) skip = true;
            else if (part.StartsWith(Prefix, StringComparison.Ordinal) && prefix == 0 && int.TryParse(part.AsSpan(Prefix.Length), out var n) && n is >= 3 and <= 8 && part.Length == Prefix.Length + 1) prefix = n;
            else return false;
        }
        kinds = new Kinds(prefix, skip);
        return kinds.Any;
    }

    /// <summary>At most how many buckets <see cref="Collect{TSink}"/> hands on for a text of <paramref name="length"/> characters (one prefix and one pair per word).</summary>
    public static int Capacity(int length, Kinds kinds) => kinds.Any ? 2 * length + 16 : 0;

    /// <summary>Writes the bucket of every prefix and skip pair of <paramref name="text"/> into <paramref name="into"/>; returns how many.</summary>
    public static int Collect(ReadOnlySpan<char> text, string kinds, int buckets, Span<int> into)
    {
        var sink = new BucketList(into);
        Collect(text, Parse(kinds), buckets, ref sink);
        return sink.Count;
    }

    /// <summary>
    /// Hands the bucket of every prefix and skip pair of <paramref name="text"/> to <paramref name="sink"/>, in text
    /// order. Words and phrase breaks are those of <see cref="HashedFeatures"/>: a run of letters or digits, lower-cased;
    /// a mark other than a space, hyphen or apostrophe ends a phrase.
    /// </summary>
    internal static void Collect<TSink>(ReadOnlySpan<char> text, Kinds kinds, int buckets, ref TSink sink) where TSink : IBucketSink, allows ref struct
    {
        var mask = (uint)(buckets - 1);
        var prefix = kinds.PrefixLength;
        Span<char> word = stackalloc char[HashedFeatures.MaxWord];
        uint previous = 0, beforePrevious = 0;
        var seen = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                if (!HashedFeatures.KeepsPhrase(text[i])) seen = 0;
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]) && i - start < HashedFeatures.MaxWord) i++;
            var length = i - start;
            var lower = word[..length];
            text.Slice(start, length).ToLowerInvariant(lower);
            var h = HashedFeatures.HashWord(lower);
            // A prefix of a word only a letter or two longer is nearly the word itself, already a unigram.
            if (prefix > 0 && length >= prefix + 2 && char.IsLetter(lower[0]))
                sink.Add((int)(HashedFeatures.Mix(HashedFeatures.HashWord(lower[..prefix]) ^ PrefixSalt) & mask));
            if (kinds.SkipPairs && seen >= 2)
                sink.Add((int)(HashedFeatures.Mix((beforePrevious * 0x85EBCA77u) ^ (h * 0xC2B2AE3Du) ^ SkipSalt) & mask));
            beforePrevious = previous;
            previous = h;
            seen++;
        }
    }
}
