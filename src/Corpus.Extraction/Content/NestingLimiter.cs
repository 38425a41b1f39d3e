using System.Text;

namespace Corpus.Extraction.Content;

/// <summary>
/// A linear pre-pass over the markup that removes start and end tags nested deeper than a limit (their text stays).
/// The HTML parser spends time quadratic in the depth of a page of 50 000 nested divs, even with its own depth cap,
/// so such a page is flattened before it reaches the parser. Pages within the limit are returned untouched.
/// </summary>
public static class NestingLimiter
{
    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
        { "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen" };

    // Elements a parser closes implicitly when the same element opens again, so they do not deepen the page.
    private static readonly HashSet<string> SelfClosingSiblings = new(StringComparer.OrdinalIgnoreCase)
        { "p", "li", "dd", "dt", "option", "tr", "td", "th" };

    private static readonly string[] RawText = ["script", "style", "textarea", "title", "xmp", "noscript", "iframe", "noembed", "noframes"];

    /// <summary>
    /// Start tags in the markup (a '&lt;' before a letter), counted without parsing: what the parse will cost; and, in
    /// the same pass, whether the page may nest deeper than <paramref name="maxDepth"/>. The depth is a cheap
    /// over-estimate: start tags deepen, end tags rise, void elements do neither; unclosed paragraphs and tags inside
    /// scripts only push it up, so a page it clears is certainly within the limit.
    /// </summary>
    public static int CountTags(string html, int maxDepth, out bool mayBeDeeper)
    {
        var count = 0;
        var depth = 0;
        mayBeDeeper = false;
        var span = html.AsSpan();
        var i = 0;
        while (true)
        {
            var next = span[i..].IndexOf('<');
            if (next < 0) return count;
            i += next + 1;
            if (i >= span.Length) return count;
            var c = span[i];
            if (c == '/') { if (depth > 0) depth--; continue; }
            if (!char.IsAsciiLetter(c)) continue;
            count++;
            if (mayBeDeeper) continue;
            var end = i;
            while (end < span.Length && char.IsAsciiLetterOrDigit(span[end])) end++;
            if (IsVoid(span[i..end])) continue;
            if (++depth > maxDepth) mayBeDeeper = true;
        }
    }

    /// <summary>
    /// The markup with tags nested deeper than <paramref name="maxDepth"/> taken out; untouched when the counting pass
    /// found it cannot be that deep.
    /// </summary>
    public static string Limit(string html, int maxDepth, bool mayBeDeeper, WorkBudget budget) =>
        mayBeDeeper ? LimitExactly(html, maxDepth, budget) : html;

    private static bool IsVoid(ReadOnlySpan<char> name)
    {
        foreach (var v in VoidNames)
            if (name.Equals(v, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static readonly string[] VoidNames = ["br", "img", "meta", "link", "input", "hr", "source", "area", "base", "col", "embed", "track", "wbr", "param", "keygen"];

    private static string LimitExactly(string html, int maxDepth, WorkBudget budget)
    {
        List<(int Start, int End)>? cut = null;
        var open = new List<string>();
        var suppressed = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        // Tag names are looked up by span so a page of 100 000 tags does not allocate 100 000 strings.
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var byName = names.GetAlternateLookup<ReadOnlySpan<char>>();
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            budget.Check();
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0) break;
                i = end + 3;
                continue;
            }
            var closing = i + 1 < html.Length && html[i + 1] == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd])) nameEnd++;
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart])) { i++; continue; }
            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0) break;
            if (!byName.TryGetValue(html.AsSpan(nameStart, nameEnd - nameStart), out var name))
            {
                name = html[nameStart..nameEnd].ToLowerInvariant();
                names[name] = name;
            }
            if (closing)
            {
                if (suppressed.TryGetValue(name, out var n) && n > 0)
                {
                    suppressed[name] = n - 1;
                    (cut ??= []).Add((i, tagEnd + 1));
                }
                else
                {
                    var at = open.LastIndexOf(name);
                    if (at >= 0) open.RemoveRange(at, open.Count - at);
                }
                i = tagEnd + 1;
                continue;
            }
            if (!closing && RawText.Contains(name))
            {
                var end = html.IndexOf("</" + name, tagEnd + 1, StringComparison.OrdinalIgnoreCase);
                if (end < 0) break;
                i = end;
                continue;
            }
            if (!Void.Contains(name) && html[tagEnd - 1] != '/')
            {
                if (SelfClosingSiblings.Contains(name))
                {
                    var at = open.LastIndexOf(name);
                    if (at >= 0 && at >= open.Count - 3) open.RemoveRange(at, open.Count - at);
                }
                if (open.Count >= maxDepth)
                {
                    suppressed[name] = suppressed.GetValueOrDefault(name) + 1;
                    (cut ??= []).Add((i, tagEnd + 1));
                }
                else open.Add(name);
            }
            i = tagEnd + 1;
        }
        if (cut is null) return html;
        var sb = new StringBuilder(html.Length);
        var from = 0;
        foreach (var (start, end) in cut)
        {
            sb.Append(html, from, start - from);
            from = end;
        }
        sb.Append(html, from, html.Length - from);
        return sb.ToString();
    }
}
