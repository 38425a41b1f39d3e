namespace Corpus.Annotation.Features;

/// <summary>
/// A light Indonesian/Malay stemmer: strips a particle, a possessive and a derivational suffix, then up to two
/// prefixes, so that <c>pembangunan</c>, <c>membangun</c>, <c>dibangunkan</c> and <c>bangunnya</c> all give
/// <c>bangun</c>. Nasal changes are not undone (<c>menulis</c> gives <c>ulis</c>, as <c>penulis</c> does), so forms
/// of one root still meet. A second prefix is stripped only where the language stacks them (<c>memper-</c>,
/// <c>keber-</c>, <c>diper-</c>), so <c>kesehatan</c> stops at <c>sehat</c>. Only words of lower-case ASCII letters
/// are stemmed; a strip that would leave fewer than <see cref="MinStem"/> letters is not made.
/// </summary>
public static class IdMsStemmer
{
    public const int MinStem = 4;

    // The affixes, longest first within each group, so that 'meng-' is tried before 'me-'.
    private static readonly string[] Particles = ["lah", "kah", "tah", "pun"];
    private static readonly string[] Possessives = ["nya", "ku", "mu"];
    private static readonly string[] Derivational = ["kan", "an"];
    private static readonly string[] Prefixes = ["meng", "meny", "peng", "peny", "mem", "men", "pem", "pen", "per", "ber", "bel", "ter", "me", "pe", "be", "di", "ke", "se"];
    private static readonly string[] InnerPrefixes = ["peng", "peny", "pem", "pen", "per", "ber", "bel", "ter", "pe", "be"];

    /// <summary>The stem of a lower-case word as a slice of it (the word itself when nothing is stripped).</summary>
    public static ReadOnlySpan<char> Stem(ReadOnlySpan<char> word)
    {
        foreach (var c in word) if (c is < 'a' or > 'z') return word;
        word = StripSuffix(word, Particles);
        word = StripSuffix(word, Possessives);
        word = StripSuffix(word, Derivational);
        var before = word.Length;
        word = StripPrefix(word, Prefixes);
        return word.Length < before ? StripPrefix(word, InnerPrefixes) : word;
    }

    private static ReadOnlySpan<char> StripSuffix(ReadOnlySpan<char> word, string[] suffixes)
    {
        foreach (var s in suffixes)
            if (word.Length - s.Length >= MinStem && word.EndsWith(s, StringComparison.Ordinal)) return word[..^s.Length];
        return word;
    }

    private static ReadOnlySpan<char> StripPrefix(ReadOnlySpan<char> word, string[] prefixes)
    {
        foreach (var p in prefixes)
            if (word.Length - p.Length >= MinStem && word.StartsWith(p, StringComparison.Ordinal)) return word[p.Length..];
        return word;
    }
}
