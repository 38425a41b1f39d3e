using AngleSharp.Dom;

namespace Corpus.Extraction.Content;

/// <summary>
/// The page's element tree with a set of elements taken out, walked without recursion (a page may nest 50 000 divs)
/// and measured bottom-up in one pass.
/// </summary>
public sealed class PageTree(IElement root, ExtractionRules rules, WorkBudget budget) : IDisposable
{
    private readonly double _minParagraphChars = rules.Setting("min_paragraph_chars");
    // The collections and stats objects of the thread's last page, emptied: a page has thousands of elements, and
    // building them again for every page was most of what extraction allocated beside the parse.
    private readonly Scratch _scratch = Scratch.Take();
    public IElement Root => root;
    public HashSet<IElement> Removed => _scratch.Removed;

    /// <summary>
    /// The elements the last <see cref="Measure"/> visited, in document order; valid until something more is removed.
    /// Each element read from it costs one unit of the budget, as a walk would.
    /// </summary>
    public IReadOnlyList<IElement> Measured => _scratch.Measured;

    public void Visit() => budget.Check();
    public Dictionary<IElement, TextStats> Stats => _scratch.Stats;

    /// <summary>Empties the collections (so they hold no element of this page) and gives them back to the thread.</summary>
    public void Dispose() => _scratch.Return();

    private sealed class Scratch
    {
        // A thread keeps the scratch of pages up to this size; a bigger page's stays with that page.
        private const int MaxPooledElements = 20_000;
        [ThreadStatic] private static Scratch? _free;

        public readonly HashSet<IElement> Removed = new(ReferenceEqualityComparer.Instance);
        // Of the concrete class: pushing an interface-typed reference costs a cast check on every store.
        public readonly Stack<Element> Stack = new();
        public readonly Stack<Frame> Frames = new();
        public List<IElement> Measured = [];
        public List<IElement> Kept = [];
        public readonly List<TextStats> Pool = [];
        public readonly List<int> Starts = [];
        public readonly Dictionary<IElement, TextStats> Stats = new(ReferenceEqualityComparer.Instance);

        public static Scratch Take()
        {
            var s = _free ?? new Scratch();
            _free = null;
            return s;
        }

        public void Return()
        {
            Removed.Clear();
            Stack.Clear();
            Frames.Clear();
            Measured.Clear();
            Kept.Clear();
            Starts.Clear();
            Stats.Clear();
            if (Pool.Count <= MaxPooledElements) _free = this;
        }
    }

    // AngleSharp finds a node's siblings by searching its parent's child list, which makes walking by
    // NextSibling quadratic on a page with 10 000 links in one list; indexing ChildNodes is constant time.
    public static IEnumerable<IElement> ChildElements(IElement el)
    {
        var children = el.ChildNodes;
        for (var i = 0; i < children.Length; i++)
            if (children[i] is Element child) yield return child;
    }

    public bool IsBlock(IElement el) => rules.BlockElements.Contains(el.LocalName);

    /// <summary>Elements under <paramref name="from"/> (itself included) in document order, skipping removed subtrees.</summary>
    public List<IElement> Elements(IElement from) => Elements(from, new List<IElement>());

    private List<IElement> Elements(IElement from, List<IElement> list)
    {
        list.Clear();
        var stack = _scratch.Stack;
        stack.Clear();
        stack.Push((Element)from);
        while (stack.Count > 0)
        {
            budget.Check();
            var el = stack.Pop();
            if (Removed.Count > 0 && Removed.Contains(el)) continue;
            list.Add(el);
            var children = ((INode)el).ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
                if (children[i] is Element child) stack.Push(child);
        }
        return list;
    }

    /// <summary>
    /// Visits elements under <paramref name="from"/> in document order; <paramref name="enter"/> returns false to skip
    /// an element's subtree (because it was just removed, for example).
    /// </summary>
    public void Walk(IElement from, Func<IElement, bool> enter)
    {
        var stack = new Stack<Element>();
        stack.Push((Element)from);
        while (stack.Count > 0)
        {
            budget.Check();
            var el = stack.Pop();
            if (Removed.Contains(el) || !enter(el)) continue;
            var children = ((INode)el).ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
                if (children[i] is Element child) stack.Push(child);
        }
    }

    /// <summary>
    /// Visits the measured elements in document order with their stats, as <see cref="Walk"/> from the root would
    /// (<paramref name="enter"/> returns false to skip an element's subtree), but from the last full
    /// <see cref="Measure"/>'s list: no second walk of the page's child lists and no stats lookups. Falls back to
    /// <see cref="Walk"/> when something was removed since that <see cref="Measure"/>.
    /// </summary>
    public void WalkMeasured(Func<IElement, TextStats, bool> enter)
    {
        if (!_listAligned || Removed.Count > 0)
        {
            Walk(root, el => enter(el, StatsOf(el)));
            return;
        }
        var elements = _scratch.Measured;
        var pool = _scratch.Pool;
        // What the walk would visit: every element in document order, less the subtrees enter turns away (an
        // element's subtree follows it in the list, Size elements long). The only removed elements are the ones enter
        // turned away, so nothing else needs skipping.
        for (var i = 0; i < elements.Count;)
        {
            budget.Check();
            var s = pool[i];
            i += enter(elements[i], s) ? 1 : s.Size;
        }
    }

    // Whether the measured list and the stats pool are in step (the pool's i-th stats are the list's i-th element's).
    private bool _listAligned;

    /// <summary>Recomputes <see cref="Stats"/> for every element still in the tree.</summary>
    /// <remarks>
    /// One walk lists the elements in document order and measures them on the way back up: an element's own text
    /// nodes are counted when it is entered, and its stats are added to its parent's when it is left, by which time
    /// all of its subtree has been. A separate listing walk and a bottom-up pass over the list read every element and
    /// child list of the page twice; the result is the same.
    /// </remarks>
    public void Measure()
    {
        Stats.Clear();
        _listAligned = false;
        var elements = _scratch.Measured;
        elements.Clear();
        var pool = _scratch.Pool;
        var frames = _scratch.Frames;
        frames.Push(new Frame((Element)root, -1, Entering));
        while (frames.Count > 0)
        {
            // Two units per element, as before: one to list it, one to measure it.
            budget.Check();
            var frame = frames.Pop();
            var el = frame.Element;
            if (frame.Index != Entering)
            {
                var done = pool[frame.Index];
                Finish(el, done);
                Stats[el] = done;
                if (frame.Parent >= 0) Add(pool[frame.Parent], done);
                continue;
            }
            if (Removed.Count > 0 && Removed.Contains(el)) continue;
            var index = elements.Count;
            elements.Add(el);
            // The stats objects of the last pass are reused: a page is measured two or three times.
            if (pool.Count == index) pool.Add(new TextStats());
            var s = pool[index];
            Start(el, s);
            s.Index = index;
            frames.Push(new Frame(el, frame.Parent, index));
            var children = ((INode)el).ChildNodes;
            for (var k = children.Length - 1; k >= 0; k--)
            {
                var node = children[k];
                if (node is Element child) frames.Push(new Frame(child, index, Entering));
                else if (node.NodeType == NodeType.Text) AddText(s, node);
            }
        }
        _listAligned = true;
    }

    private const int Entering = -1;

    /// <param name="Index">The element's place in the measured list once it has been entered (its exit frame), or
    /// <see cref="Entering"/>.</param>
    /// <param name="Parent">The parent's place in the measured list (-1 for the root).</param>
    private readonly record struct Frame(Element Element, int Parent, int Index);

    /// <summary>
    /// Brings <see cref="Stats"/> and <see cref="Measured"/> up to date after elements were removed since the last
    /// <see cref="Measure"/>: the removed subtrees leave both, and only their ancestors are measured again. The result
    /// is the one a full <see cref="Measure"/> would give.
    /// </summary>
    public void Remeasure()
    {
        if (Removed.Count == 0) return;
        // Document order puts an element's subtree right after it, Size elements long.
        _scratch.Kept.Clear();
        var aligned = _listAligned;
        if (aligned) DropRemovedRanges();
        else for (var i = 0; i < _scratch.Measured.Count;)
        {
            budget.Check();
            var el = _scratch.Measured[i];
            var size = Stats[el].Size;
            if (Removed.Contains(el))
            {
                for (var j = i; j < i + size; j++) Stats.Remove(_scratch.Measured[j]);
                i += size;
                continue;
            }
            _scratch.Kept.Add(el);
            i++;
        }
        _listAligned = false;
        (_scratch.Measured, _scratch.Kept) = (_scratch.Kept, _scratch.Measured);
        var dirty = new HashSet<IElement>(ReferenceEqualityComparer.Instance);
        foreach (var removed in Removed)
            for (var a = removed.ParentElement; a is not null && Stats.ContainsKey(a) && dirty.Add(a); a = a.ParentElement)
                budget.Check();
        if (aligned)
        {
            // The same order without reading the list: the measure's places are document order, so the dirty
            // ancestors from the last place back come children first.
            var order = _scratch.Starts;
            order.Clear();
            foreach (var el in dirty) order.Add(Stats[el].Index);
            order.Sort();
            for (var k = order.Count - 1; k >= 0; k--)
            {
                budget.Check();
                var stats = _scratch.Pool[order[k]];
                Compute(_scratch.Kept[order[k]], stats);
            }
            return;
        }
        for (var i = _scratch.Measured.Count - 1; i >= 0 && dirty.Count > 0; i--)
        {
            var el = _scratch.Measured[i];
            if (!dirty.Remove(el)) continue;
            budget.Check();
            Compute(el, Stats[el]);
        }
    }

    /// <summary>
    /// The list walk of <see cref="Remeasure"/> when the list and the stats pool are in step: the removed elements'
    /// places come from their stats, so the kept stretches between them are copied without asking of each element
    /// whether it was removed. The kept list and the stats left are the same.
    /// </summary>
    private void DropRemovedRanges()
    {
        var measured = _scratch.Measured;
        var pool = _scratch.Pool;
        var starts = _scratch.Starts;
        starts.Clear();
        foreach (var removed in Removed)
            if (Stats.TryGetValue(removed, out var rs) && rs.Index < measured.Count && ReferenceEquals(measured[rs.Index], removed))
                starts.Add(rs.Index);
        starts.Sort();
        var kept = _scratch.Kept;
        var i = 0;
        foreach (var start in starts)
        {
            // A removed element inside a subtree already left out.
            if (start < i) continue;
            for (; i < start; i++)
            {
                budget.Check();
                kept.Add(measured[i]);
            }
            budget.Check();
            var end = start + pool[start].Size;
            for (var j = start; j < end; j++) Stats.Remove(measured[j]);
            i = end;
        }
        for (; i < measured.Count; i++)
        {
            budget.Check();
            kept.Add(measured[i]);
        }
    }

    private void Compute(IElement el, TextStats s)
    {
        Start(el, s);
        var children = el.ChildNodes;
        for (var k = 0; k < children.Length; k++)
        {
            var node = children[k];
            // Element children first: a class check, where asking a node's type is an interface call.
            if (node is Element child) MeasuredChild(s, child);
            else if (node.NodeType == NodeType.Text) AddText(s, node);
        }
        Finish(el, s);
    }

    /// <summary>What an element's stats hold before its children: itself, and whether it is a block or an article.</summary>
    private void Start(IElement el, TextStats s)
    {
        s.Reset();
        s.Size = 1;
        s.Block = IsBlock(el);
        s.HoldsArticle = el.LocalName is "article" or "main"
            || el.Attributes.Length > 0 && string.Equals(el.GetAttribute("itemprop"), "articleBody", StringComparison.OrdinalIgnoreCase);
    }

    private static void AddText(TextStats s, INode text)
    {
        var n = TextStats.CollapsedLength(text.TextContent, out var commas);
        s.TextChars += n;
        s.InlineChars += n;
        s.Commas += commas;
        s.InlineCommas += commas;
    }

    /// <summary>What an element's stats hold once all its children are in: quotations, links and paragraphs.</summary>
    private void Finish(IElement el, TextStats s)
    {
        var name = el.LocalName;
        if (name == "blockquote") s.QuoteChars = s.TextChars;
        if (name == "a")
        {
            s.LinkChars = s.TextChars;
            s.InlineLinkChars = s.InlineChars;
            s.Links++;
        }
        if (s.Block && s.InlineChars >= _minParagraphChars && s.InlineLinkChars * 2 < s.InlineChars)
        {
            s.ParagraphChars += s.InlineChars;
            s.Paragraphs++;
        }
    }

    // Removed elements were not visited, so only the children still in the tree have stats.
    private void MeasuredChild(TextStats s, Element child)
    {
        if (Stats.TryGetValue(child, out var c)) Add(s, c);
    }

    private static void Add(TextStats s, TextStats c)
    {
        s.TextChars += c.TextChars;
        s.LinkChars += c.LinkChars;
        s.Commas += c.Commas;
        s.Links += c.Links;
        s.ParagraphChars += c.ParagraphChars;
        s.Paragraphs += c.Paragraphs;
        s.QuoteChars += c.QuoteChars;
        s.HoldsArticle |= c.HoldsArticle;
        s.Size += c.Size;
        if (!c.Block)
        {
            s.InlineChars += c.InlineChars;
            s.InlineCommas += c.InlineCommas;
            s.InlineLinkChars += c.InlineLinkChars;
        }
    }

    /// <summary>The element's text without what was taken out, whitespace collapsed.</summary>
    public string TextOf(IElement el)
    {
        var sb = new System.Text.StringBuilder();
        var stack = new Stack<INode>();
        stack.Push(el);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is Element e)
            {
                if (Removed.Contains(e) && e != el || rules.DroppedElements.Contains(e.LocalName)) continue;
                if (IsBlock(e)) sb.Append(' ');
                var children = ((INode)e).ChildNodes;
                for (var i = children.Length - 1; i >= 0; i--) stack.Push(children[i]);
            }
            else if (node.NodeType == NodeType.Text) sb.Append(node.TextContent);
        }
        return MainContentFinder.Collapse(sb.ToString());
    }

    public TextStats StatsOf(IElement el) => Stats.TryGetValue(el, out var s) ? s : new TextStats();
}
