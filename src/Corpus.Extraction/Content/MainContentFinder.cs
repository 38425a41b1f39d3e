using System.Buffers;
using System.Text;
using AngleSharp.Dom;
using Corpus.Text.Promos;

namespace Corpus.Extraction.Content;

/// <summary>
/// Finds the article body in a parsed page, in passes: take out what is never text and what is chrome (by element
/// and class/id tokens, unless it holds most of the page's paragraphs); score paragraph-sized blocks by length and
/// punctuation into their ancestors; pick the best container, merge its siblings that also read like the article
/// (bodies split by ads); prune link lists and negative boxes inside; flatten to lines, letting the cleaning stage's
/// DOM pass judge each block. All tokens, weights and thresholds come from <see cref="ExtractionRules"/>.
/// </summary>
public sealed class MainContentFinder(ExtractionRules rules, PromoBlockClassifier promos)
{
    private readonly ClassTokens _tokens = new(rules);
    private readonly FallbackCascade _cascade = new(rules);

    public MainContent Find(IDocument doc, string pageUrl, WorkBudget budget, bool explain = false) => Find(doc, pageUrl, budget, explain, null);

    /// <param name="measured">
    /// Called once the page is measured, with the body and every element under it in document order (valid only
    /// during the call): the metadata pass reads the body from it instead of walking it again.
    /// </param>
    public MainContent Find(IDocument doc, string pageUrl, WorkBudget budget, bool explain, Action<IReadOnlyList<IElement>>? measured)
    {
        var body = doc.Body;
        if (body is null) return MainContent.Empty;
        using var tree = new PageTree(body, rules, budget);
        var dropped = new List<RemovedBlock>();
        var title = doc.Title;
        var host = Uri.TryCreate(pageUrl, UriKind.Absolute, out var pageUri) ? pageUri.Host : null;

        tree.Measure();
        measured?.Invoke(tree.Measured);
        DropChrome(tree, dropped, explain, strict: true);
        tree.Remeasure();
        var (containers, runnersUp) = ChooseContainers(tree);
        // A page whose class names mislead (a whole article marked "hidden" or "media") leaves almost nothing:
        // take out only what is never text, and choose again.
        if (containers.Sum(c => tree.StatsOf(c).TextChars) < rules.Setting("min_article_chars"))
        {
            Reset(tree, dropped);
            DropChrome(tree, dropped, explain, strict: false);
            tree.Remeasure();
            (containers, runnersUp) = ChooseContainers(tree);
        }
        var page = PageEvidence.Of(tree, rules);
        foreach (var container in containers) Prune(tree, container, dropped, explain, title);
        var main = new BodyFlattener(tree, rules, promos, host).Flatten(containers, dropped);
        if (!_cascade.Suspects(main, page)) return main;

        // The main candidate looks short against the page: measure the alternatives and keep the one the table's
        // comparison rules prefer (trafilatura backs its main pass the same way).
        var alternatives = new List<(string Name, MainContent Content)>();
        foreach (var other in runnersUp)
        {
            var otherDropped = new List<RemovedBlock>();
            Prune(tree, other, otherDropped, explain, title);
            alternatives.Add(("runner_up", new BodyFlattener(tree, rules, promos, host).Flatten([other], otherDropped)));
        }
        alternatives.Add(("baseline", new BodyFlattener(tree, rules, promos, host).Flatten(Baseline(tree), [])));
        return _cascade.Choose(main, alternatives);
    }

    private static void Reset(PageTree tree, List<RemovedBlock> dropped)
    {
        tree.Removed.Clear();
        dropped.Clear();
        tree.Measure();
    }

    /// <summary>
    /// Every paragraph-like block outside what was taken out as chrome, in document order: prose blocks, headings and
    /// list items that are not mostly links. The fallback for a page whose containers mislead the scoring.
    /// </summary>
    private List<IElement> Baseline(PageTree tree)
    {
        var blocks = new List<IElement>();
        var minChars = rules.Setting("baseline_min_chars");
        var maxLinks = rules.Setting("baseline_max_link_density");
        tree.Walk(tree.Root, el =>
        {
            var s = tree.StatsOf(el);
            if (s.TextChars == 0) return false;
            // Boilerplate by its own markup, even where it holds most of the page (a short post under a long thread).
            if (el != tree.Root && (rules.ChromeElements.Contains(el.LocalName) && !s.HoldsArticle || _tokens.ChromeToken(el) is not null && el.LocalName is not ("article" or "main")))
                return false;
            var leaf = s.InlineChars == s.TextChars;
            if (!(ParagraphTags.Contains(el.LocalName) || leaf && tree.IsBlock(el))) return true;
            var heading = el.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6";
            if ((heading || s.TextChars >= minChars) && s.LinkDensity <= maxLinks) blocks.Add(el);
            return false;
        });
        return blocks;
    }

    private void DropChrome(PageTree tree, List<RemovedBlock> dropped, bool explain, bool strict)
    {
        var bodyParagraphs = Math.Max(1, tree.StatsOf(tree.Root).ParagraphChars);
        var protectShare = rules.Setting("protect_text_share");
        // Straight after a full measure: its list is walked instead of the page.
        tree.WalkMeasured((el, s) =>
        {
            if (el == tree.Root) return true;
            var rule = DropRule(el);
            if (rule is null && strict)
            {
                var holdsBody = s.ParagraphChars > protectShare * bodyParagraphs;
                if (!holdsBody && el.LocalName is not ("article" or "main"))
                {
                    // A header or form wrapped around the article element is a layout quirk, not chrome; but a comment
                    // list item holding an <article> per comment is still a comment.
                    if (rules.ChromeElements.Contains(el.LocalName)) rule = s.HoldsArticle ? null : $"chrome.element:{el.LocalName}";
                    else if (_tokens.ChromeToken(el) is { } token && -rules.TokenWeights[token] >= rules.Setting("drop_negative_weight")
                        && !QuotesPost(tree, el))
                        rule = $"chrome.class:{token}";
                }
            }
            if (rule is null) return true;
            tree.Removed.Add(el);
            if (explain && !rule.StartsWith("drop.element", StringComparison.Ordinal)) Record(tree, dropped, rule, el);
            return false;
        });
    }

    private string? DropRule(IElement el)
    {
        if (rules.DroppedElements.Contains(el.LocalName)) return $"drop.element:{el.LocalName}";
        if (el.Attributes.Length == 0) return null; // most elements: nothing more to read
        if (el.HasAttribute("hidden")) return "drop.hidden";
        var style = el.GetAttribute("style");
        if (style is not null && HiddenByStyle(style)) return "drop.hidden";
        if (string.Equals(el.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase)) return "drop.hidden";
        if (el.GetAttribute("role") is "navigation" or "banner" or "contentinfo" or "complementary") return $"chrome.role:{el.GetAttribute("role")}";
        return null;
    }

    /// <summary>display:none or visibility:hidden in an inline style, however it is spaced or cased.</summary>
    private static bool HiddenByStyle(string style)
    {
        if (!style.Contains("none", StringComparison.OrdinalIgnoreCase) && !style.Contains("hidden", StringComparison.OrdinalIgnoreCase)) return false;
        Span<char> compact = stackalloc char[Math.Min(style.Length, 512)];
        var n = 0;
        foreach (var c in style)
        {
            if (n == compact.Length) break;
            if (!char.IsWhiteSpace(c)) compact[n++] = char.ToLowerInvariant(c);
        }
        var text = compact[..n];
        return text.Contains("display:none", StringComparison.Ordinal) || text.Contains("visibility:hidden", StringComparison.Ordinal);
    }

    private static readonly HashSet<string> ParagraphTags = new(StringComparer.Ordinal)
        { "p", "pre", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "caption", "figcaption", "th", "address", "td" };

    /// <summary>
    /// Scores containers and returns the chosen one with the siblings that belong with it, in document order, and the
    /// best-scoring containers outside it (the runners-up the fallback cascade compares against).
    /// </summary>
    private (List<IElement> Chosen, List<IElement> RunnersUp) ChooseContainers(PageTree tree)
    {
        var scores = new Dictionary<IElement, double>(ReferenceEqualityComparer.Instance);
        var minChars = rules.Setting("min_paragraph_chars");
        var perPoint = rules.Setting("chars_per_point");
        var maxPoints = rules.Setting("max_length_points");
        // Nothing was removed since the last measuring pass: its element list is this page's, in document order.
        foreach (var el in tree.Measured)
        {
            tree.Visit();
            var s = tree.StatsOf(el);
            if (!tree.IsBlock(el) || s.InlineChars < minChars) continue;
            var score = 1 + s.InlineCommas + Math.Min(Math.Floor(s.InlineChars / perPoint), maxPoints);
            // Text directly in a div counts for the div (as if wrapped in a p); a p's text counts for its parent.
            var level = 0;
            var start = ParagraphTags.Contains(el.LocalName) ? el.ParentElement : el;
            for (var a = start; a is not null && level < 5; a = a.ParentElement, level++)
            {
                if (!scores.ContainsKey(a)) scores[a] = InitialScore(a);
                scores[a] += level switch { 0 => score, 1 => score / 2, _ => score / (level * 3) };
                if (a == tree.Root) break;
            }
        }
        if (scores.Count == 0) return ([tree.Root], []);

        var final = new Dictionary<IElement, double>(ReferenceEqualityComparer.Instance);
        foreach (var (el, score) in scores) final[el] = score * (1 - tree.StatsOf(el).LinkDensity);
        var ranked = final.OrderByDescending(kv => kv.Value).Take((int)rules.Setting("top_candidates")).ToList();
        var top = ranked[0].Key;
        var topScore = ranked[0].Value;

        // Several strong candidates under one ancestor: the article is that ancestor (a body split into sections).
        var alternatives = ranked.Skip(1).Where(kv => kv.Value >= rules.Setting("alternative_candidate_ratio") * topScore).Select(kv => kv.Key).ToList();
        // Nothing above the body is a container: its parent holds the head (title, styles).
        if (alternatives.Count >= rules.Setting("min_alternative_candidates") && top != tree.Root)
        {
            for (var p = top.ParentElement; p is not null && p != tree.Root; p = p.ParentElement)
            {
                if (alternatives.Count(a => p.Contains(a)) >= rules.Setting("min_alternative_candidates"))
                {
                    top = p;
                    break;
                }
            }
        }
        // Climb while the parent scores higher: the best-scoring paragraph parent is often one column of the article.
        var last = final.GetValueOrDefault(top);
        var threshold = last / 3;
        for (var p = top == tree.Root ? null : top.ParentElement; p is not null && p != tree.Root; p = p.ParentElement)
        {
            if (!final.TryGetValue(p, out var ps)) continue;
            if (ps < threshold) break;
            if (ps > last) { top = p; break; }
            last = ps;
        }
        // A page that marks its article body (schema.org itemprop=articleBody) has said where the article is: a box
        // inside it that outscores the rest (a gallery of captions, one section) is only part of it.
        if (rules.Setting("article_body_anchor") > 0)
            for (var a = top == tree.Root ? null : top.ParentElement; a is not null && a != tree.Root; a = a.ParentElement)
                if (IsArticleBody(a) && tree.StatsOf(a).ParagraphChars >= rules.Setting("min_article_chars")) { top = a; break; }
        while (top != tree.Root && top.ParentElement is { } only && only != tree.Root && CountKeptChildren(tree, only) == 1) top = only;
        topScore = final.GetValueOrDefault(top, topScore);

        var parent = top.ParentElement;
        // The body itself has no siblings that are text: beside it is only the head (title, styles, scripts).
        if (parent is null || top == tree.Root) return ([top], []);
        var result = new List<IElement>();
        var siblingThreshold = Math.Max(rules.Setting("sibling_min_score"), topScore * rules.Setting("sibling_score_share"));
        var topClass = top.GetAttribute("class");
        foreach (var sib in PageTree.ChildElements(parent))
        {
            if (tree.Removed.Contains(sib)) continue;
            if (sib == top) { result.Add(sib); continue; }
            var st = tree.StatsOf(sib);
            // A box the pruning would take out of the body (a negative class, at most one paragraph: a print header, a
            // dateline) does not join it as a sibling either.
            if (st.Paragraphs <= 1 && _tokens.Weight(sib) < 0) continue;
            var bonus = !string.IsNullOrEmpty(topClass) && sib.GetAttribute("class") == topClass ? topScore * rules.Setting("sibling_score_share") : 0;
            if (final.TryGetValue(sib, out var ss) && ss + bonus >= siblingThreshold) { result.Add(sib); continue; }
            // A sibling of the same kind (tag and first class) holding prose is the body's next part: sections split by ads.
            if (SameKind(top, sib) && st.ParagraphChars >= rules.Setting("sibling_paragraph_chars") && st.LinkDensity < rules.Setting("sibling_max_link_density"))
            {
                result.Add(sib);
                continue;
            }
            if (!ParagraphTags.Contains(sib.LocalName) && !(tree.IsBlock(sib) && st.InlineChars == st.TextChars)) continue;
            var text = sib.TextContent.Trim();
            if (st.TextChars > rules.Setting("sibling_paragraph_chars") && st.LinkDensity < rules.Setting("sibling_max_link_density")
                || st.TextChars > 0 && st.TextChars <= rules.Setting("sibling_paragraph_chars") && st.LinkChars == 0 && text.EndsWith('.'))
                result.Add(sib);
        }
        AddOuterProse(tree, top, result);
        var runnersUp = ranked.Select(kv => kv.Key)
            .Where(c => c != tree.Root && !result.Any(r => r.Contains(c) || c.Contains(r)))
            .Take((int)rules.Setting("fallback_runners_up")).ToList();
        return (result, runnersUp);
    }

    /// <summary>
    /// Whether a box marked as chrome by its class ("social-media-embed") is an embedded post the article quotes: at
    /// least <c>embedded_quote_share</c> of its text sits in <c>blockquote</c> elements (a tweet, a quoted message).
    /// Share bars, teasers and comment lists are links and prose, not quotations.
    /// </summary>
    private bool QuotesPost(PageTree tree, IElement box)
    {
        var share = rules.Setting("embedded_quote_share");
        var s = tree.StatsOf(box);
        return share <= 1 && s.TextChars > 0 && s.QuoteChars >= share * s.TextChars;
    }

    private static bool IsArticleBody(IElement el) =>
        el.Attributes.Length > 0 && string.Equals(el.GetAttribute("itemprop"), "articleBody", StringComparison.OrdinalIgnoreCase);

    private static bool SameKind(IElement a, IElement b)
    {
        if (a.LocalName != b.LocalName) return false;
        var x = FirstClass(a.GetAttribute("class"));
        return x.Length > 0 && x.SequenceEqual(FirstClass(b.GetAttribute("class")));
    }

    private static ReadOnlySpan<char> FirstClass(string? value)
    {
        var span = value.AsSpan().Trim();
        var end = span.IndexOfAny(' ', '\t', '\n');
        return end < 0 ? span : span[..end];
    }

    /// <summary>
    /// Prose just outside the chosen container: paragraphs beside its ancestors, up to <c>outer_prose_levels</c> up (a
    /// lead above the body's box, a continuation below it). Only blocks that are all prose and few links qualify.
    /// </summary>
    private void AddOuterProse(PageTree tree, IElement top, List<IElement> result)
    {
        var levels = (int)rules.Setting("outer_prose_levels");
        var minChars = rules.Setting("sibling_paragraph_chars");
        var maxLinks = rules.Setting("sibling_max_link_density");
        var share = rules.Setting("outer_prose_share");
        var path = top.ParentElement;
        var added = false;
        for (var level = 0; level < levels && path?.ParentElement is { } anc && path != tree.Root && anc != tree.Root; level++, path = anc)
        {
            foreach (var c in PageTree.ChildElements(anc))
            {
                // A heading beside the body is the headline (the title field) or a section label, not a lead.
                if (c == path || tree.Removed.Contains(c) || c.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6") continue;
                var st = tree.StatsOf(c);
                if (st.TextChars >= minChars && st.ParagraphChars >= share * st.TextChars && st.LinkDensity < maxLinks && st.Paragraphs <= 2
                    && !MarkedAsChrome(tree, c))
                {
                    result.Add(c);
                    added = true;
                }
            }
        }
        if (added) result.Sort((a, b) => a == b ? 0 : a.CompareDocumentPosition(b).HasFlag(DocumentPositions.Following) ? -1 : 1);
    }

    /// <summary>
    /// Whether a small block holds media (then its text is a caption) or anything in it carries a negative class token
    /// (a caption, a credit, a teaser).
    /// </summary>
    private bool MarkedAsChrome(PageTree tree, IElement block)
    {
        if (block.QuerySelector("img, picture, figure, video, iframe") is not null) return true;
        var marked = false;
        tree.Walk(block, el =>
        {
            if (marked) return false;
            marked = _tokens.Weight(el) < 0 || el.LocalName is "figcaption" or "caption";
            return !marked;
        });
        return marked;
    }

    private static int CountKeptChildren(PageTree tree, IElement el)
    {
        var n = 0;
        foreach (var c in PageTree.ChildElements(el))
            if (!tree.Removed.Contains(c) && tree.StatsOf(c).TextChars > 0) n++;
        return n;
    }

    private double InitialScore(IElement el) =>
        rules.TagScores.GetValueOrDefault(el.LocalName) + _tokens.Weight(el);

    /// <summary>Inside the chosen containers: boxes with a negative weight, link lists, and headings that are chrome.</summary>
    private void Prune(PageTree tree, IElement container, List<RemovedBlock> dropped, bool explain, string? title)
    {
        var minCommas = rules.Setting("prune_min_commas");
        var seenParagraph = false;
        tree.Walk(container, el =>
        {
            if (el == container) return true;
            var s = tree.StatsOf(el);
            string? rule = null;
            var name = el.LocalName;
            if (name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
            {
                if (_tokens.Weight(el) < 0) rule = "prune.heading_class";
                else if (s.LinkDensity > rules.Setting("prune_heading_link_density")) rule = "prune.heading_links";
                // The headline is the title field, not body text: an h1 before the first paragraph, or one the <title> repeats.
                else if (name is "h1" && (!seenParagraph || title is not null && title.Contains(el.TextContent.Trim(), StringComparison.OrdinalIgnoreCase))) rule = "prune.headline";
            }
            else if (name is "div" or "section" or "ul" or "ol" or "table" or "dl" or "form" or "aside" or "header" or "footer" or "nav")
            {
                var weight = _tokens.Weight(el);
                if (weight < 0 && s.Paragraphs <= 1 && !QuotesPost(tree, el)) rule = "prune.negative_class";
                // Several prose paragraphs are article text even when their links and few commas say otherwise.
                else if (s.Commas < minCommas && s.Paragraphs < rules.Setting("prune_keep_paragraphs"))
                {
                    var isList = name is "ul" or "ol";
                    if (weight < rules.Setting("prune_positive_weight") && s.LinkDensity > rules.Setting("prune_link_density")) rule = "prune.link_density";
                    else if (weight >= rules.Setting("prune_positive_weight") && s.LinkDensity > rules.Setting("prune_heavy_link_density")) rule = "prune.link_density";
                    else if (!isList && s.TextChars < rules.Setting("min_paragraph_chars") && s.TextChars > 0 && s.Links > 0) rule = "prune.short_box";
                    // An embedded post (a tweet: its link, its date link) is a quotation; only a link list goes.
                    if (rule is "prune.link_density" && s.LinkDensity <= rules.Setting("prune_heavy_link_density") && QuotesPost(tree, el)) rule = null;
                }
            }
            if (rule is null)
            {
                if (name is not ("h1" or "h2" or "h3" or "h4" or "h5" or "h6") && tree.IsBlock(el) && s.InlineChars >= rules.Setting("min_paragraph_chars"))
                    seenParagraph = true;
                return true;
            }
            tree.Removed.Add(el);
            if (explain) Record(tree, dropped, rule, el);
            return false;
        });
    }

    private static void Record(PageTree tree, List<RemovedBlock> dropped, string rule, IElement el)
    {
        var text = tree.TextOf(el);
        if (text.Length == 0) return;
        dropped.Add(new RemovedBlock(rule, text.Length > 160 ? text[..160] + "…" : text));
    }

    /// <summary>Runs of whitespace become one space, none at either end; one pass, and no copy when there is nothing to collapse.</summary>
    internal static string Collapse(string s)
    {
        var clean = s.Length > 0 && !char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1]);
        for (var i = 1; clean && i < s.Length; i++)
            if (char.IsWhiteSpace(s[i]) && (s[i] != ' ' || char.IsWhiteSpace(s[i - 1]))) clean = false;
        return clean || s.Length == 0 ? s : CollapseSlow(s);
    }

    private static string CollapseSlow(string s)
    {
        char[]? rented = null;
        var buffer = s.Length <= 512 ? stackalloc char[s.Length] : (rented = ArrayPool<char>.Shared.Rent(s.Length));
        var n = CollapseInto(s, buffer);
        var text = new string(buffer[..n]);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        return text;
    }

    /// <summary>
    /// <see cref="Collapse(string)"/> of a builder's text, with one string allocated (the result) rather than the
    /// builder's copy and then the collapsed one.
    /// </summary>
    internal static string Collapse(StringBuilder sb)
    {
        var length = sb.Length;
        if (length == 0) return "";
        char[]? rented = null;
        var chars = length <= 512 ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        sb.CopyTo(0, chars, length);
        // Collapsing in place: the write position never passes the read position.
        var n = CollapseInto(chars, chars);
        var text = new string(chars[..n]);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        return text;
    }

    private static int CollapseInto(ReadOnlySpan<char> s, Span<char> buffer)
    {
        var n = 0;
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                space = n > 0;
                continue;
            }
            if (space) buffer[n++] = ' ';
            space = false;
            buffer[n++] = c;
        }
        return n;
    }
}
