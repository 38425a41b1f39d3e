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
    private int _linkDepth, _linkChars, _links, _foreignLinks;
    private long _keptChars, _keptLinkChars;

    public MainContent Flatten(IReadOnlyList<IElement> containers, List<RemovedBlock> dropped)
    {
        foreach (var container in containers) Walk(container, dropped);
        return new MainContent(_lines, _keptChars == 0 ? 0 : (double)_keptLinkChars / _keptChars, _promos, dropped);
    }

    private void Walk(IElement container, List<RemovedBlock> dropped)
    {
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((container, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IElement el)
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
                    continue;
                }
                if (tree.Removed.Contains(el)) continue;
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
                var children = el.ChildNodes;
                for (var i = children.Length - 1; i >= 0; i--) stack.Push((children[i], false));
            }
            else if (node.NodeType == NodeType.Text)
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
        var text = MainContentFinder.Collapse(_text.ToString());
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
            return;
        }
        // A line that is mostly link text inside the body is a "see also" list item, not prose; an item of a list or
        // table that survived pruning (its list was not a link list) has its own threshold.
        if (share > rules.Setting(owner.LocalName is "li" or "td" or "th" or "dd" or "dt" ? "item_line_max_link_density" : "line_max_link_density"))
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

    private bool IsSameSite(string? href) =>
        href is not null && (href.StartsWith('/') && !href.StartsWith("//") || href.StartsWith('#')
            || host is not null && Uri.TryCreate(href, UriKind.Absolute, out var u) && u.Host == host);
}
