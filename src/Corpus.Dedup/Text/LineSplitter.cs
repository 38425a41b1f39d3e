namespace Corpus.Dedup.Text;

/// <summary>Articles keep one paragraph per line; repeated-line removal works on those lines.</summary>
public static class LineSplitter
{
    public static string[] Lines(string text) => text.Split('\n');

    /// <summary>
    /// The same lines as <see cref="Lines"/> one by one, as ranges of <paramref name="text"/>: call with
    /// <paramref name="next"/> = 0 first; false after the last line.
    /// </summary>
    public static bool Next(string text, ref int next, out int start, out int length)
    {
        start = next;
        if (next > text.Length) { length = 0; return false; }
        var end = text.AsSpan(next).IndexOf('\n');
        length = end < 0 ? text.Length - next : end;
        next = start + length + 1;
        return true;
    }
}
