using System.Buffers;

namespace Corpus.Cleaning.Quality.GopherRepetition;

/// <summary>
/// Repeated lines or paragraphs (navigation echoed into the text, boilerplate blocks). Every occurrence after the
/// first counts as a duplicate, by number or by characters against the whole text. Value: the fraction.
/// Lines are the text split at every <c>\n</c> (empty ones included); paragraphs are the trimmed text split at
/// <c>\n\n</c>, empty ones left out. Segments are compared as ranges of the text, never copied.
/// </summary>
public sealed class DuplicateSegmentsRule(string name, bool paragraphs, bool byCharacters, double max) : IQualityRule
{
    public string Name { get; } = name;

    public string? Check(TextView view) => Measure(view) is { } fraction && fraction > max ? RuleValue.Of(fraction) : null;

    /// <summary>The fraction this rule compares with its maximum, or null for an empty text.</summary>
    public double? Measure(TextView view)
    {
        var text = view.Text;
        if (text.Length == 0) return null;
        var starts = ArrayPool<int>.Shared.Rent(16);
        var lengths = ArrayPool<int>.Shared.Rent(16);
        try
        {
            var count = paragraphs ? Paragraphs(text, ref starts, ref lengths) : Lines(text, ref starts, ref lengths);
            using var seen = new KeyTable<SegmentKeys>(new SegmentKeys(text, starts, lengths), count);
            int dups = 0, dupChars = 0;
            for (var s = 0; s < count; s++)
            {
                seen.ValueOf(s, out var added);
                if (added) continue;
                dups++;
                dupChars += lengths[s];
            }
            return byCharacters ? (double)dupChars / text.Length : RuleValue.Ratio(dups, count);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<int>.Shared.Return(lengths);
        }
    }

    /// <summary>As <c>text.Split('\n')</c>.</summary>
    private static int Lines(string text, ref int[] starts, ref int[] lengths)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var end = text.AsSpan(start).IndexOf('\n');
            if (end < 0)
            {
                Add(ref starts, ref lengths, ref count, start, text.Length - start);
                return count;
            }
            Add(ref starts, ref lengths, ref count, start, end);
            start += end + 1;
        }
    }

    /// <summary>As <c>text.Trim().Split("\n\n", StringSplitOptions.RemoveEmptyEntries)</c>.</summary>
    private static int Paragraphs(string text, ref int[] starts, ref int[] lengths)
    {
        var first = 0;
        var last = text.Length;
        while (first < last && char.IsWhiteSpace(text[first])) first++;
        while (last > first && char.IsWhiteSpace(text[last - 1])) last--;
        var count = 0;
        var start = first;
        while (start <= last)
        {
            var end = text.AsSpan(start, last - start).IndexOf("\n\n");
            var length = end < 0 ? last - start : end;
            if (length > 0) Add(ref starts, ref lengths, ref count, start, length);
            if (end < 0) break;
            start += end + 2;
        }
        return count;
    }

    private static void Add(ref int[] starts, ref int[] lengths, ref int count, int start, int length)
    {
        if (count == starts.Length)
        {
            starts = Grow(starts, count);
            lengths = Grow(lengths, count);
        }
        starts[count] = start;
        lengths[count] = length;
        count++;
    }

    private static int[] Grow(int[] array, int count)
    {
        var bigger = ArrayPool<int>.Shared.Rent(array.Length * 2);
        array.AsSpan(0, count).CopyTo(bigger);
        ArrayPool<int>.Shared.Return(array);
        return bigger;
    }

    private readonly struct SegmentKeys(string text, int[] starts, int[] lengths) : IKeys
    {
        public int Hash(int key) => string.GetHashCode(text.AsSpan(starts[key], lengths[key]));
        public bool Equal(int a, int b) => text.AsSpan(starts[a], lengths[a]).SequenceEqual(text.AsSpan(starts[b], lengths[b]));
    }
}
