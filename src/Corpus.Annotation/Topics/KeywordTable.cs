namespace Corpus.Annotation.Topics;

/// <summary>
/// The keyword priors as the scorer reads them: an open-addressing table from a word's or word pair's hash
/// (<see cref="TopicFeatures.HashPhrase"/>) to its entry, so that each word of a text costs one probe, usually in
/// one cache line, and counting touches only the entries the text holds (no dictionary, no string per word). Most
/// words of a text are no keyword: a bit per slot (a few kilobytes, which stay in the nearest cache) answers those
/// without reading the keys.
/// </summary>
public sealed class KeywordTable
{
    private readonly ulong[] _keys;
    private readonly int[] _entries;
    private readonly ulong[] _occupied;
    private readonly int _mask;

    public KeywordTable(Dictionary<ulong, float[]> priors)
    {
        var size = 16;
        while (size < priors.Count * 3) size <<= 1;
        _keys = new ulong[size];
        _entries = new int[size];
        _occupied = new ulong[size / 64];
        _mask = size - 1;
        Weights = new float[priors.Count][];
        var e = 0;
        foreach (var (key, weights) in priors)
        {
            var slot = Slot(key);
            while (_entries[slot] != 0) slot = (slot + 1) & _mask;
            _keys[slot] = key;
            _entries[slot] = e + 1;
            _occupied[slot >> 6] |= 1UL << slot;
            Weights[e++] = weights;
        }
    }

    public int Entries => Weights.Length;

    /// <summary>Each entry's weight per topic.</summary>
    public float[][] Weights { get; }

    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & _mask;

    /// <summary>The entry of a word's or pair's hash, or -1.</summary>
    public int Find(ulong key)
    {
        var slot = Slot(key);
        if ((_occupied[slot >> 6] & (1UL << slot)) == 0) return -1;
        while (true)
        {
            var e = _entries[slot];
            if (e == 0) return -1;
            if (_keys[slot] == key) return e - 1;
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>
    /// Adds <paramref name="weight"/> to <paramref name="counts"/> for every word and neighbouring pair of
    /// <paramref name="text"/> the table holds (words as <see cref="TopicFeatures"/> reads them), listing each entry in
    /// <paramref name="touched"/> the first time it is counted.
    /// </summary>
    public void Count(ReadOnlySpan<char> text, float weight, float[] counts, List<int> touched)
    {
        var hasPrevious = false;
        ulong previous = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            var h = TopicFeatures.Offset;
            while (i < text.Length)
            {
                var c = text[i];
                if (c < 128)
                {
                    if ((uint)(c - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9) { }
                    else if ((uint)(c - 'A') <= 'Z' - 'A') c = (char)(c | 0x20);
                    else break;
                }
                else if (char.IsLetterOrDigit(c)) c = char.ToLowerInvariant(c);
                else break;
                h = (h ^ c) * TopicFeatures.Prime;
                i++;
            }
            if (i - start < 2 && !char.IsDigit(text[start])) { hasPrevious = false; continue; }
            Add(h, weight, counts, touched);
            if (hasPrevious) Add(TopicFeatures.Combine(previous, h), weight, counts, touched);
            previous = h;
            hasPrevious = true;
        }
    }

    private void Add(ulong key, float weight, float[] counts, List<int> touched)
    {
        var e = Find(key);
        if (e < 0) return;
        if (counts[e] == 0) touched.Add(e);
        counts[e] += weight;
    }
}
