using System.Buffers;

namespace Corpus.Cleaning.Quality;

/// <summary>
/// A text's words as ranges plus a number per distinct word (equal numbers, equal words), in pooled arrays: what the
/// n-gram rules compare, so an n-gram is n integers instead of a joined string.
/// </summary>
public sealed class WordTable : IDisposable
{
    private int[] _starts;
    private int[] _lengths;
    private int[] _ids;

    public int Count { get; private set; }
    public ReadOnlySpan<int> Starts => _starts.AsSpan(0, Count);
    public ReadOnlySpan<int> Lengths => _lengths.AsSpan(0, Count);
    /// <summary>Per word, the index of its first occurrence in the text: equal words get equal numbers (numbered on first use).</summary>
    public ReadOnlySpan<int> Ids => IdArray.AsSpan(0, Count);
    /// <summary>The pooled array behind <see cref="Ids"/> (longer than <see cref="Count"/>), for keys that index into it.</summary>
    internal int[] IdArray
    {
        get
        {
            if (!_numbered) Number();
            return _ids;
        }
    }

    private readonly string _text;
    private bool _numbered;

    private WordTable(string text, int capacity)
    {
        _text = text;
        _starts = ArrayPool<int>.Shared.Rent(capacity);
        _lengths = ArrayPool<int>.Shared.Rent(capacity);
        _ids = [];
    }

    public static WordTable Of(string text)
    {
        // At most one word per two characters, plus one, with single-character words (ideographs) as the exception: start small, grow.
        // Only the n-gram rules need the numbers; the Gopher quality rules read the ranges alone.
        var table = new WordTable(text, Math.Max(16, text.Length / 4));
        var sink = new Sink(table);
        WordSplitter.Scan(text, ref sink);
        return table;
    }

    private void Add(int start, int length)
    {
        if (Count == _starts.Length)
        {
            Grow(ref _starts);
            Grow(ref _lengths);
        }
        _starts[Count] = start;
        _lengths[Count] = length;
        Count++;
    }

    private void Grow(ref int[] array)
    {
        var bigger = ArrayPool<int>.Shared.Rent(array.Length * 2);
        array.AsSpan(0, Count).CopyTo(bigger);
        ArrayPool<int>.Shared.Return(array);
        array = bigger;
    }

    /// <summary>The words as spans of the text, in order.</summary>
    public ReadOnlySpan<char> Word(int i) => _text.AsSpan(_starts[i], _lengths[i]);

    private void Number()
    {
        _numbered = true;
        _ids = ArrayPool<int>.Shared.Rent(Math.Max(1, Count));
        using var distinct = new KeyTable<WordKeys>(new WordKeys(_text, _starts, _lengths), Count);
        for (var i = 0; i < Count; i++)
        {
            ref var first = ref distinct.ValueOf(i, out var added);
            if (added) first = i;
            _ids[i] = first;
        }
    }

    public void Dispose()
    {
        if (_starts.Length > 0) ArrayPool<int>.Shared.Return(_starts);
        if (_lengths.Length > 0) ArrayPool<int>.Shared.Return(_lengths);
        if (_ids.Length > 0) ArrayPool<int>.Shared.Return(_ids);
        _starts = _lengths = _ids = [];
        Count = 0;
        _numbered = true;
    }

    private readonly struct Sink(WordTable table) : WordSplitter.ISink
    {
        public void Word(int start, int length) => table.Add(start, length);
    }

    private readonly struct WordKeys(string text, int[] starts, int[] lengths) : IKeys
    {
        public int Hash(int key) => string.GetHashCode(text.AsSpan(starts[key], lengths[key]));
        public bool Equal(int a, int b) => text.AsSpan(starts[a], lengths[a]).SequenceEqual(text.AsSpan(starts[b], lengths[b]));
    }
}
