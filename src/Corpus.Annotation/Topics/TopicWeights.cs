using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Corpus.Annotation.Features;

namespace Corpus.Annotation.Topics;

/// <summary>
/// The topic regression as scoring reads it: one row of 16-bit weights per hash bucket (hundredths, exactly the
/// two decimals a trained model keeps), padded to a multiple of four topics so that a row never straddles two cache
/// lines. A model trained with <c>counts=sqrt</c> gives every occurrence of a feature the value 1 / sqrt(number of
/// occurrences in the document), so its score is one pass over the text's features: each occurrence adds its row to
/// integer sums, with no table of counts, no sort and no allocation.
/// </summary>
public sealed class TopicWeights
{
    /// <summary>The model property of a regression trained on occurrence features (<see cref="Features"/>).</summary>
    public const string CountsProperty = "counts";
    public const string SqrtCounts = "sqrt";

    private const float Step = 0.01f;
    private readonly short[] _rows;
    private readonly int _stride;
    private readonly int _mask;
    private readonly float[] _bias;
    private readonly WordShapeFeatures.Kinds _words;

    public TopicWeights(LinearModel learned)
    {
        Spec = learned.Spec;
        Labels = learned.Labels.Count;
        _stride = (Labels + 3) & ~3;
        _mask = Spec.Buckets - 1;
        _rows = new short[Spec.Buckets * _stride];
        _bias = learned.Bias;
        Subwords = SubwordFeatures.Of(learned);
        _words = WordShapeFeatures.Parse(WordShapeFeatures.Of(learned));
        var w = learned.Weights;
        for (var b = 0; b < Spec.Buckets; b++)
            for (var c = 0; c < Labels; c++)
            {
                var q = MathF.Round(w[b * Labels + c] / Step);
                if (q is > short.MaxValue or < short.MinValue) throw new InvalidDataException($"A topic weight of {w[b * Labels + c]} is out of range.");
                _rows[b * _stride + c] = (short)q;
            }
    }

    public FeatureSpec Spec { get; }
    public int Labels { get; }

    /// <summary>The o200k token features the model reads besides <see cref="Spec"/> (<see cref="SubwordFeatures"/>), or null.</summary>
    public string? Subwords { get; }

    /// <summary>Whether <paramref name="learned"/> was trained on the occurrence features this table scores.</summary>
    public static bool Reads(LinearModel learned) => learned.Properties.TryGetValue(CountsProperty, out var v) && v == SqrtCounts;

    /// <summary>
    /// Adds the logits of <paramref name="title"/> and <paramref name="text"/> (read as if joined by a line break) to
    /// <paramref name="scores"/>. Each occurrence's row is added to the integer sums as the features are hashed, so no
    /// list of buckets is written and read back; integer sums do not depend on their order, so this is exactly the
    /// sum over the training vector's buckets.
    /// </summary>
    public void AddScores(ReadOnlySpan<char> title, ReadOnlySpan<char> text, Span<double> scores)
    {
        Span<int> sum = stackalloc int[_stride];
        int n;
        if (_stride == RowSums8.Width && Vector128.IsHardwareAccelerated)
        {
            var rows = new RowSums8(_rows, WordGramCache.For(this));
            Collect(title, text, Spec, Subwords, _words, ref rows);
            rows.CopyTo(sum);
            n = rows.Count;
        }
        else
        {
            var rows = new RowSums(_rows, _stride, sum);
            Collect(title, text, Spec, Subwords, _words, ref rows);
            n = rows.Count;
        }
        var scale = n > 0 ? Step / Math.Sqrt(n) : 0;
        for (var c = 0; c < Labels; c++) scores[c] += _bias[c] + sum[c] * scale;
    }

    /// <summary>
    /// The training vector of a title and text under <paramref name="spec"/>: each bucket's occurrences over
    /// sqrt(all occurrences), so that a weight vector's dot product with it is what <see cref="AddScores"/> adds.
    /// </summary>
    public static SparseVector Features(ReadOnlySpan<char> title, ReadOnlySpan<char> text, FeatureSpec spec, string? subwords = null, string? wordFeatures = null)
    {
        var words = WordShapeFeatures.Parse(wordFeatures);
        var buffer = ArrayPool<int>.Shared.Rent(Capacity(title.Length + text.Length + 1, spec, subwords, words));
        try
        {
            var list = new BucketList(buffer);
            Collect(title, text, spec, subwords, words, ref list);
            var n = list.Count;
            var (indices, values) = HashedFeatures.CountDistinct(buffer.AsSpan(0, n));
            var scale = n > 0 ? (float)(1 / Math.Sqrt(n)) : 0;
            for (var i = 0; i < values.Length; i++) values[i] *= scale;
            return new SparseVector(indices, values);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    private static int Capacity(int length, FeatureSpec spec, string? subwords, WordShapeFeatures.Kinds words) =>
        HashedFeatures.Capacity(length, spec) + SubwordFeatures.Capacity(length, subwords) + WordShapeFeatures.Capacity(length, words);

    private static void Collect<TSink>(ReadOnlySpan<char> title, ReadOnlySpan<char> text, FeatureSpec spec, string? subwords, WordShapeFeatures.Kinds words, ref TSink sink)
        where TSink : IBucketSink, allows ref struct
    {
        HashedFeatures.Collect(title, spec, ref sink);
        HashedFeatures.Collect(text, spec, ref sink);
        if (words.Any)
        {
            WordShapeFeatures.Collect(title, words, spec.Buckets, ref sink);
            WordShapeFeatures.Collect(text, words, spec.Buckets, ref sink);
        }
        if (subwords is null) return;
        SubwordFeatures.Collect(title, subwords, spec.Buckets, ref sink);
        SubwordFeatures.Collect(text, subwords, spec.Buckets, ref sink);
    }

    /// <summary>
    /// Row sums of a table of eight weights per row (up to eight topics), kept in vector registers; a word's character
    /// n-grams come from <paramref name="words"/> when it holds the word, and go into it when it does not.
    /// </summary>
    private ref struct RowSums8(short[] rows, WordGramCache words) : IBucketSink
    {
        public const int Width = 8;
        private readonly ref short _rows = ref MemoryMarshal.GetArrayDataReference(rows);
        private Vector128<int> _low, _high;
        // Where the sums stood when the n-grams of a word the cache lacked began, and its slot, so that the word's own
        // sum is the difference when they end.
        private Vector128<int> _startLow, _startHigh;
        private int _startCount, _slot;

        public int Count { get; private set; }

        public void Add(int bucket)
        {
            var row = Vector128.LoadUnsafe(ref _rows, (nuint)bucket * Width);
            _low += Vector128.WidenLower(row);
            _high += Vector128.WidenUpper(row);
            Count++;
        }

        public bool HasCharGrams(scoped ReadOnlySpan<char> word, uint hash)
        {
            _slot = WordGramCache.SlotOf(word, hash);
            if (_slot < 0) return false;
            if (words.TryGet(_slot, word, hash, out var low, out var high, out var count))
            {
                _low += low;
                _high += high;
                Count += count;
                return true;
            }
            (_startLow, _startHigh, _startCount) = (_low, _high, Count);
            return false;
        }

        public readonly void EndCharGrams(scoped ReadOnlySpan<char> word, uint hash)
        {
            if (_slot >= 0) words.Put(_slot, word, hash, _low - _startLow, _high - _startHigh, Count - _startCount);
        }

        public readonly void CopyTo(Span<int> sum)
        {
            _low.CopyTo(sum);
            _high.CopyTo(sum[4..]);
        }
    }

    /// <summary>Row sums of a table of any width.</summary>
    private ref struct RowSums(short[] rows, int stride, Span<int> sum) : IBucketSink
    {
        private readonly short[] _rows = rows;
        private readonly Span<int> _sum = sum;

        public int Count { get; private set; }

        public void Add(int bucket)
        {
            var row = _rows.AsSpan(bucket * stride, stride);
            for (var c = 0; c < row.Length; c++) _sum[c] += row[c];
            Count++;
        }

        public readonly bool HasCharGrams(scoped ReadOnlySpan<char> word, uint hash) => false;

        public readonly void EndCharGrams(scoped ReadOnlySpan<char> word, uint hash) { }
    }
}
