using System.Globalization;
using System.Net;
using System.Text;

namespace Corpus.Text;

/// <summary>
/// NFC; leftover HTML entities decoded ("&amp;amp;" from double-escaping CMSs); zero-width and control characters
/// removed; every run of spaces one space; no blank lines. Mojibake is repaired separately
/// (<see cref="Normalization.MojibakeRepair"/>) so that repairs can be counted.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text)
    {
        if (text.Contains('&')) text = DecodeEntities(text);
        var buffer = new LineBuffer(text.Length);
        try
        {
            AppendLines(ref buffer, text.Normalize(NormalizationForm.FormC));
            return buffer.ToString();
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>
    /// <see cref="Normalize"/> of the lines joined by line feeds, without building the joined text and its copies:
    /// each line is decoded, composed and collapsed on its own into one buffer, and the result is the one string.
    /// </summary>
    /// <remarks>
    /// The same result, because a line feed is a boundary for each step: NFC never composes or reorders across it (it
    /// is a starter that combines with nothing), and collapsing splits at it. Entity decoding looks from an
    /// <c>&amp;</c> to the next <c>;</c> or <c>&amp;</c>, so a line whose last <c>&amp;</c> has no <c>;</c> after it
    /// in the line could be read together with the next line (a numeric reference allows white space); then the lines
    /// are joined and normalized whole, as before.
    /// </remarks>
    public static string NormalizeLines(IReadOnlyList<string> lines)
    {
        var length = lines.Count;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            length += line.Length;
            var amp = line.LastIndexOf('&');
            if (amp >= 0 && line.IndexOf(';', amp) < 0) return Normalize(string.Join('\n', lines));
        }
        var buffer = new LineBuffer(length);
        try
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                // Decoded twice at most, as the whole text is: a line the first pass left alone, the second leaves alone.
                // A line that decoding leaves with an open "&" could be read with the next one by the whole text's
                // second pass: the whole text, then.
                if (line.Contains('&')) line = DecodeEntities(line);
                if (line.Contains('&') && line.IndexOf(';', line.LastIndexOf('&')) < 0) return Normalize(string.Join('\n', lines));
                AppendLines(ref buffer, ComposedAlready(line) ? line : line.Normalize(NormalizationForm.FormC));
            }
            return buffer.ToString();
        }
        finally
        {
            buffer.Dispose();
        }
    }

    // One pass into one buffer: each line collapsed in place after a line feed, and taken back out when nothing of it is left.
    private static void AppendLines(ref LineBuffer buffer, ReadOnlySpan<char> nfc)
    {
        while (true)
        {
            var end = nfc.IndexOf('\n');
            var line = end < 0 ? nfc : nfc[..end];
            var mark = buffer.Length;
            if (buffer.Length > 0) buffer.Append('\n');
            var start = buffer.Length;
            foreach (var c in line) buffer.AppendCollapsed(c, start);
            if (buffer.Length == start) buffer.Length = mark;
            if (end < 0) break;
            nfc = nfc[(end + 1)..];
        }
    }

    /// <summary>
    /// Whether NFC leaves the line as it is without asking: every character below U+0300 (Latin, IPA, spacing
    /// modifiers) is its own composition (NFC quick check "yes") and combines with nothing that precedes it, and
    /// without a combining mark nothing composes.
    /// </summary>
    private static bool ComposedAlready(string line) => line.AsSpan().IndexOfAnyInRange('\u0300', '\uffff') < 0;

    /// <summary>A pooled, growable character buffer whose collapsing append drops invisible characters, makes every run of spaces one space and leaves none at either end of a line.</summary>
    private struct LineBuffer(int capacity) : IDisposable
    {
        private char[] _chars = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(16, capacity));
        private bool _pendingSpace;
        public int Length;

        public void Append(char c)
        {
            if (Length == _chars.Length) Grow();
            _chars[Length++] = c;
        }

        /// <summary>Appends one character of the line that starts at <paramref name="start"/>, collapsed.</summary>
        public void AppendCollapsed(char c, int start)
        {
            if (Length == start) _pendingSpace = false;
            // Printable ASCII other than the space: never invisible, never white space.
            if (c is > ' ' and < '\x7f')
            {
                if (_pendingSpace) Append(' ');
                _pendingSpace = false;
                Append(c);
                return;
            }
            if (IsInvisible(c)) return;
            if (char.IsWhiteSpace(c)) { _pendingSpace = Length > start; return; }
            if (_pendingSpace) Append(' ');
            _pendingSpace = false;
            Append(c);
        }

        private void Grow()
        {
            var bigger = System.Buffers.ArrayPool<char>.Shared.Rent(_chars.Length * 2);
            _chars.AsSpan(0, Length).CopyTo(bigger);
            System.Buffers.ArrayPool<char>.Shared.Return(_chars);
            _chars = bigger;
        }

        public override readonly string ToString() => new(_chars, 0, Length);

        public void Dispose()
        {
            System.Buffers.ArrayPool<char>.Shared.Return(_chars);
            _chars = [];
        }
    }

    // Twice at most: "&amp;eacute;" is an entity escaped once more; a third level is text about entities.
    private static string DecodeEntities(string text)
    {
        for (var i = 0; i < 2 && text.Contains('&'); i++)
        {
            var decoded = WebUtility.HtmlDecode(text);
            if (decoded == text) break;
            text = decoded;
        }
        return text;
    }

    /// <summary>Zero-width characters, the BOM, soft hyphens and bidi controls carry nothing a model should learn.</summary>
    public static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E'
        || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069' || c is '\u200E' or '\u200F'
        || (char.IsControl(c) && c != '\t')
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.PrivateUse;

}
