using System.Buffers;

namespace Corpus.Annotation.Features;

/// <summary>
/// Which hashed features a linear model reads: word unigrams, optionally word bigrams, and character n-grams of each
/// word padded with a boundary mark (<c>^kerana$</c> gives <c>^ke</c>, <c>ker</c> … <c>na$</c>). Hashing keeps a model a
/// flat table of numbers however large the vocabulary, and works for every script (a run of Thai or Chinese letters is
/// one long "word" whose character n-grams still carry the meaning).
/// </summary>
public sealed record FeatureSpec(int Bits, bool WordBigrams, int CharMin, int CharMax)
{
    public int Buckets => 1 << Bits;

    /// <summary>The spec as one line of a model file, so a model is read with the features it was trained on.</summary>
    public string Describe() => $"{Bits}\t{(WordBigrams ? 1 : 0)}\t{CharMin}\t{CharMax}";

    public static FeatureSpec Parse(string line, string path)
    {
        var f = line.Split('\t');
        if (f.Length != 4 || !int.TryParse(f[0], out var bits) || bits is < 8 or > 24 || !int.TryParse(f[2], out var min) || !int.TryParse(f[3], out var max))
            throw new Corpus.Core.CorpusUserException($"{path}: the feature line '{line}' is not 'bits, bigrams, char min, char max'.");
        return new FeatureSpec(bits, f[1] == "1", min, max);
    }
}

/// <summary>A sparse feature vector: sorted bucket indices and their values.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public int Count => Indices.Length;
}

/// <summary>Turns text into a <see cref="SparseVector"/> under a <see cref="FeatureSpec"/> without building strings per feature.</summary>
public static class HashedFeatures
{
    private const uint Offset = 2166136261;
    private const uint Prime = 16777619;
    /// <summary>A run of letters longer than this is cut into words of this length (a run of Thai or Chinese has no spaces).</summary>
    internal const int MaxWord = 48;

    /// <summary>The distinct buckets of <paramref name="buckets"/> in ascending order, each with its number of occurrences (sorts the span in place).</summary>
    public static (int[] Indices, float[] Counts) CountDistinct(Span<int> buckets)
    {
        buckets.Sort();
        var distinct = 0;
        for (var i = 0; i < buckets.Length; i++) if (i == 0 || buckets[i] != buckets[i - 1]) distinct++;
        var indices = new int[distinct];
        var counts = new float[distinct];
        var k = -1;
        for (var i = 0; i < buckets.Length; i++)
        {
            if (i == 0 || buckets[i] != buckets[i - 1]) indices[++k] = buckets[i];
            counts[k]++;
        }
        return (indices, counts);
    }

    /// <summary>
    /// Counts the features of <paramref name="text"/>, each value <c>1 + ln(count)</c> (a word repeated twenty times does
    /// not outvote twenty different words) unless <paramref name="rawCounts"/> (naive Bayes sums every occurrence);
    /// <paramref name="normalise"/> scales the vector to unit length so that a
    /// headline and a long article give scores on one scale.
    /// </summary>
    public static SparseVector Extract(ReadOnlySpan<char> text, FeatureSpec spec, bool normalise, bool rawCounts = false)
    {
        var buffer = ArrayPool<int>.Shared.Rent(Capacity(text.Length, spec));
        try
        {
            var n = Collect(text, spec, buffer);
            var (indices, values) = CountDistinct(buffer.AsSpan(0, n));
            var distinct = indices.Length;
            double norm = 0;
            for (var i = 0; i < distinct; i++)
            {
                if (!rawCounts) values[i] = 1 + MathF.Log(values[i]);
                norm += values[i] * values[i];
            }
            if (normalise && norm > 0)
            {
                var scale = (float)(1 / Math.Sqrt(norm));
                for (var i = 0; i < distinct; i++) values[i] *= scale;
            }
            return new SparseVector(indices, values);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    /// <summary>Raw counts per bucket (for counting-based training).</summary>
    public static Dictionary<int, int> Counts(ReadOnlySpan<char> text, FeatureSpec spec)
    {
        var buffer = ArrayPool<int>.Shared.Rent(Capacity(text.Length, spec));
        try
        {
            var n = Collect(text, spec, buffer);
            var counts = new Dictionary<int, int>();
            for (var i = 0; i < n; i++) counts[buffer[i]] = counts.GetValueOrDefault(buffer[i]) + 1;
            return counts;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    // Per character at most a unigram and a bigram, and per padded position one n-gram of each length (a one-letter
    // word has three padded positions).
    internal static int Capacity(int length, FeatureSpec spec) =>
        16 + 2 * length + (spec.CharMax > 0 ? 3 * length * (spec.CharMax - spec.CharMin + 1) : 0);

    /// <summary>The bucket of a single lower-case word's unigram feature (for priors written as word lists).</summary>
    public static int WordBucket(ReadOnlySpan<char> word, FeatureSpec spec)
    {
        Span<char> lower = stackalloc char[Math.Min(word.Length, MaxWord)];
        word[..lower.Length].ToLowerInvariant(lower);
        return (int)(Mix(HashWord(lower)) & (uint)(spec.Buckets - 1));
    }

    internal static int Collect(ReadOnlySpan<char> text, FeatureSpec spec, Span<int> into)
    {
        var sink = new BucketList(into);
        Collect(text, spec, ref sink);
        return sink.Count;
    }

    /// <summary>
    /// Hands the bucket of every feature occurrence of <paramref name="text"/> to <paramref name="sink"/>, in text order:
    /// one enumeration for the list a training vector is built from and for the row sums scoring adds as it goes.
    /// </summary>
    internal static void Collect<TSink>(ReadOnlySpan<char> text, FeatureSpec spec, ref TSink sink) where TSink : IBucketSink, allows ref struct
    {
        var mask = (uint)(spec.Buckets - 1);
        // Read once: the sink's stores could otherwise make the loops read the spec again for every n-gram.
        var (bigrams, charMin, charMax) = (spec.WordBigrams, spec.CharMin, spec.CharMax);
        Span<char> word = stackalloc char[MaxWord + 2];
        uint previous = 0;
        var hasPrevious = false;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                if (!KeepsPhrase(text[i])) hasPrevious = false;
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]) && i - start < MaxWord) i++;
            var length = i - start;
            text.Slice(start, length).ToLowerInvariant(word.Slice(1, length));
            var h = HashWord(word.Slice(1, length));
            var mixed = Mix(h);
            sink.Add((int)(mixed & mask));
            if (bigrams && hasPrevious) sink.Add((int)(Mix(previous * 31 + h + 0x9E3779B9u) & mask));
            previous = h;
            hasPrevious = true;
            if (charMax > 0 && !sink.HasCharGrams(word.Slice(1, length), mixed))
            {
                word[0] = '^';
                word[length + 1] = '$';
                var padded = word[..(length + 2)];
                for (var s = 0; s < padded.Length; s++)
                {
                    var g = Offset ^ 0x5bd1e995u;
                    for (var len = 1; len <= charMax && s + len <= padded.Length; len++)
                    {
                        g = (g ^ padded[s + len - 1]) * Prime;
                        if (len >= charMin && !(len == 1 && padded[s] is '^' or '$')) sink.Add((int)(Mix(g + (uint)len) & mask));
                    }
                }
                sink.EndCharGrams(word.Slice(1, length), mixed);
            }
        }
    }

    /// <summary>Whether a character between two words leaves them neighbours: spaces, hyphens and apostrophes do, a sentence mark ends a phrase.</summary>
    internal static bool KeepsPhrase(char c) => c is ' ' or '-' or '\'' or '\u2019';

    /// <summary>FNV-1a of a lower-cased word, before <see cref="Mix"/>: the word hash every word feature starts from.</summary>
    internal static uint HashWord(ReadOnlySpan<char> word)
    {
        var h = Offset;
        foreach (var c in word) h = (h ^ c) * Prime;
        return h;
    }

    // FNV's low bits are weak; a final avalanche spreads them over the bucket mask.
    internal static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x7feb352d;
        h ^= h >> 15;
        h *= 0x846ca68b;
        h ^= h >> 16;
        return h;
    }
}

/// <summary>What <see cref="HashedFeatures.Collect{TSink}"/> hands each feature occurrence's bucket to.</summary>
internal interface IBucketSink
{
    void Add(int bucket);

    /// <summary>
    /// Asked before a word's character n-grams, with the word lower-cased and its mixed hash: true when the sink has added
    /// them itself (a sink that remembers words); otherwise they follow, then <see cref="EndCharGrams"/>.
    /// </summary>
    bool HasCharGrams(scoped ReadOnlySpan<char> word, uint hash);

    void EndCharGrams(scoped ReadOnlySpan<char> word, uint hash);
}

/// <summary>The buckets written into a span, in order.</summary>
internal ref struct BucketList(Span<int> into) : IBucketSink
{
    private readonly Span<int> _into = into;

    public int Count { get; private set; }

    public void Add(int bucket) => _into[Count++] = bucket;

    public readonly bool HasCharGrams(scoped ReadOnlySpan<char> word, uint hash) => false;

    public readonly void EndCharGrams(scoped ReadOnlySpan<char> word, uint hash) { }
}
