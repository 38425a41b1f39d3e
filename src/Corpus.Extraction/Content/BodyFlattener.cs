using System.Text;
using AngleSharp.Dom;
using Corpus.Text.Promos;

namespace Corpus.Extraction.Content;

/// <summary>
/// Turns the chosen containers into lines: a new line at every block boundary and <c>br</c>, inline text joined.
/// Each line is one body block for the cleaning stage's DOM pass (<see cref="PromoBlockClassifier"/>), which sees its
/// text, links and the class tokens of the block that holds it before anything is flattened away.
/// </summary>
public sealed class BodyFlattener(PageTree tree, ExtractionRules rules, PromoBlockClassifier promos, string? host)
{
    private readonly List<string> _lines = [];
    private readonly List<RemovedBlock> _promos = [];
    private readonly StringBuilder _text = new();
    private readonly Stack<IElement> _blocks = new();
    private IElement? _owner;
    // The chosen container being walked, and the box a related-stories heading opened (skipped to its end).
    private IElement? _container, _skipBox;
    private bool _several;
    private int _linkDepth, _linkChars, _links, _foreignLinks;
    private long _keptChars, _keptLinkChars;

    public MainContent Flatten(IReadOnlyList<IElement> containers, List<RemovedBlock> dropped)
    {
        _several = containers.Count > 1;
        foreach (var container in containers) Walk(container, dropped);
        return new MainContent(_lines, _keptChars == 0 ? 0 : (double)_keptLinkChars / _keptChars, _promos, dropped);
    }

    private void Walk(IElement container, List<RemovedBlock> dropped)
    {
        _container = container;
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((container, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is Element el)
            {
                var block = tree.IsBlock(el);
                if (exit)
                {
                    if (el.LocalName == "a") _linkDepth--;
                    if (block)
                    {
                        Flush(dropped);
                        _blocks.Pop();
                    }
                    if (el == _skipBox) _skipBox = null;
                    continue;
                }
                if (tree.Removed.Contains(el) || _skipBox is not null) continue;
                if (block)
                {
                    Flush(dropped);
                    _blocks.Push(el);
                }
                if (el.LocalName == "a")
                {
                    _linkDepth++;
                    _links++;
                    if (!IsSameSite(el.GetAttribute("href"))) _foreignLinks++;
                }
                stack.Push((el, true));
                var children = ((INode)el).ChildNodes;
                for (var i = children.Length - 1; i >= 0; i--) stack.Push((children[i], false));
            }
            else if (node.NodeType == NodeType.Text && _skipBox is null)
            {
                var value = node.TextContent;
                if (_text.Length == 0 && string.IsNullOrWhiteSpace(value)) continue;
                _owner ??= _blocks.Count > 0 ? _blocks.Peek() : container;
                _text.Append(value);
                if (_linkDepth > 0) _linkChars += TextStats.CollapsedLength(value, out _);
            }
        }
        Flush(dropped);
    }

    private void Flush(List<RemovedBlock> dropped)
    {
        var text = MainContentFinder.Collapse(_text);
        var owner = _owner;
        var (linkChars, links, foreign) = (_linkChars, _links, _foreignLinks);
        _text.Clear();
        _owner = null;
        _linkChars = _links = _foreignLinks = 0;
        if (text.Length == 0 || owner is null) return;

        var share = Math.Min(1, (double)linkChars / text.Length);
        var rule = promos.Match(new PromoBlock
        {
            Text = text,
            Tag = owner.LocalName,
            LinkCount = links,
            LinkTextShare = share,
            LinksToSameSite = links > 0 && foreign == 0,
            ClassTokens = WrapperTokens(owner),
        });
        if (rule is not null)
        {
            _promos.Add(new RemovedBlock(rule, text) { At = _lines.Count });
            if (ClosesBox(owner, rule))
            {
                _skipBox = owner.ParentElement!;
                var rest = tree.TextOf(_skipBox);
                dropped.Add(new RemovedBlock("promo.related_section", rest.Length > 160 ? rest[..160] + "…" : rest));
            }
            return;
        }
        // A line that is mostly link text inside the body is a "see also" list item, not prose; an item of a list or
        // table that survived pruning (its list was not a link list) has its own threshold. A line that is one web
        // address written out (its link's text is the address) is text the author shows, not navigation.
        if (share > rules.Setting(owner.LocalName is "li" or "td" or "th" or "dd" or "dt" ? "item_line_max_link_density" : "line_max_link_density")
            && !(links == 1 && rules.Setting("shown_address_lines") > 0 && IsWebAddress(text)))
        {
            dropped.Add(new RemovedBlock("line.link_density", text));
            return;
        }
        _lines.Add(text);
        _keptChars += text.Length;
        _keptLinkChars += linkChars;
    }

    private readonly Dictionary<IElement, int> _textLengths = new(ReferenceEqualityComparer.Instance);

    private readonly Dictionary<IElement, List<string>> _wrapperTokens = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Class and id tokens of the block and of up to two ancestors that only wrap a box, not the whole body; cached:
    /// the lines of one block (split at <c>br</c>) and the blocks of one box ask about the same elements.
    /// </summary>
    private List<string> WrapperTokens(IElement el)
    {
        if (!_wrapperTokens.TryGetValue(el, out var tokens)) _wrapperTokens[el] = tokens = ReadWrapperTokens(el);
        return tokens;
    }

    private readonly Dictionary<IElement, string[]> _ownTokens = new(ReferenceEqualityComparer.Instance);

    private List<string> ReadWrapperTokens(IElement el)
    {
        var tokens = new List<string>();
        var n = 0;
        var maxChars = rules.Setting("wrapper_max_chars");
        var maxParagraphs = rules.Setting("wrapper_max_paragraphs");
        for (IElement? e = el; e is not null && n < 3; e = e.ParentElement, n++)
        {
            if (n > 0 && (TextLength(e) > maxChars || ParagraphChildren(e) >= maxParagraphs)) break;
            if (e.Attributes.Length == 0) continue;
            if (!_ownTokens.TryGetValue(e, out var own))
                _ownTokens[e] = own = $"{e.ClassName} {e.Id}".ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            tokens.AddRange(own);
        }
        return tokens;
    }

    private static int ParagraphChildren(IElement e)
    {
        var count = 0;
        foreach (var child in e.Children) if (child.LocalName == "p") count++;
        return count;
    }

    // Cached: every block of a body asks about the same few ancestors.
    private int TextLength(IElement e)
    {
        // The measured length where the pass measured the element (no string built); the raw text otherwise.
        if (!_textLengths.TryGetValue(e, out var length))
            _textLengths[e] = length = tree.Stats.TryGetValue(e, out var s) ? s.TextChars : e.TextContent.Length;
        return length;
    }

    /// <summary>
    /// A heading the promo pass calls a related-stories or teaser title ("You may also like...", "Mehr zum Thema")
    /// that opens a box inside the chosen container titles the whole box: what follows it there is the teaser list
    /// (<c>related_heading_closes_box</c>). So does one that opens a container merged beside others (a teaser list
    /// of the same markup as the article). A heading after text of its box, or opening the only container, titles
    /// nothing more than itself.
    /// </summary>
    private bool ClosesBox(IElement owner, string rule)
    {
        if (rules.Setting("related_heading_closes_box") <= 0 || _container is null) return false;
        if (owner.LocalName is not ("h1" or "h2" or "h3" or "h4" or "h5" or "h6")) return false;
        if (rule is not (PromoBlockClassifier.RelatedBoxRule or PromoLineClassifier.LeadPhraseRule)) return false;
        var box = owner.ParentElement;
        if (box is null || box == _container && !_several || !_container.Contains(box)) return false;
        foreach (var child in PageTree.ChildElements(box))
        {
            if (child == owner) return true;
            if (!tree.Removed.Contains(child) && tree.StatsOf(child).TextChars > 0) return false;
        }
        return false;
    }

    private static bool IsWebAddress(string text) =>
        text.IndexOf(' ') < 0 && (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("www.", StringComparison.OrdinalIgnoreCase));

    private bool IsSameSite(string? href)
    {
        if (href is null) return false;
        if (href.StartsWith('/') && !href.StartsWith("//") || href.StartsWith('#')) return true;
        if (host is null) return false;
        // Most links are plain http(s) addresses: their host is read in place. Anything unusual (a port, user info,
        // an IP address, escapes, spaces) goes to Uri, which decides as before.
        var plainHost = PlainHostOf(href, out var plain);
        if (plain) return IsLowerCaseOf(plainHost, host);
        return Uri.TryCreate(href, UriKind.Absolute, out var u) && u.Host == host;
    }

    /// <summary>
    /// The host of an <c>http://</c> or <c>https://</c> address made only of letters, digits, dots and dashes, with
    /// printable ASCII after it; <paramref name="plain"/> is false for any other address.
    /// </summary>
    internal static ReadOnlySpan<char> PlainHostOf(string href, out bool plain)
    {
        plain = false;
        var start = href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7
            : href.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8 : -1;
        if (start < 0 || href.Length > 2048) return default;
        var end = start;
        var labelStart = start;
        while (true)
        {
            var last = end == href.Length || href[end] is '/' or '?' or '#';
            if (last || href[end] == '.')
            {
                // Labels of 1 to 63 letters, digits and inner dashes; the last one not numeric (an IP address, which Uri rewrites).
                var length = end - labelStart;
                if (length is 0 or > 63 || href[labelStart] == '-' || href[end - 1] == '-') return default;
                if (last && char.IsAsciiDigit(href[labelStart])) return default;
                if (last) break;
                labelStart = end + 1;
            }
            else if (!char.IsAsciiLetterOrDigit(href[end]) && href[end] != '-') return default;
            end++;
        }
        for (var i = end; i < href.Length; i++)
            if (href[i] is < '!' or > '~') return default;
        plain = true;
        return href.AsSpan(start, end - start);
    }

    /// <summary>Whether <paramref name="lower"/> is <paramref name="ascii"/> in lower case, as Uri writes a host.</summary>
    private static bool IsLowerCaseOf(ReadOnlySpan<char> ascii, string lower)
    {
        if (ascii.Length != lower.Length) return false;
        for (var i = 0; i < ascii.Length; i++)
            if (char.ToLowerInvariant(ascii[i]) != lower[i]) return false;
        return true;
    }
}
