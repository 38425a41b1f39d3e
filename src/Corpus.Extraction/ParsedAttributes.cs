using AngleSharp.Html.Parser;

namespace Corpus.Extraction;

/// <summary>
/// The attributes the parser keeps: the ones extraction reads, and the ones the HTML parser itself consults while it
/// builds the tree. A page's other attributes (src, srcset, alt, width, data-*, on*...) are most of the attributes it
/// has, and building an attribute object for each was a tenth of the parse. A rule that reads a new attribute must add
/// it here; <c>ParsedAttributesTests</c> extracts the vendored pages with every attribute kept and compares.
/// </summary>
public static class ParsedAttributes
{
    public static readonly IReadOnlyList<string> Names =
    [
        // Read by extraction: class tokens, hidden boxes, roles, links, metadata, the byline, language.
        "class", "id", "itemprop", "hidden", "style", "aria-hidden", "role", "href", "rel", "type", "content", "property",
        "name", "http-equiv", "datetime", "pubdate", "lang", "xml:lang", "charset",
        // Consulted by the parser while it builds the tree: hidden inputs in tables, the font and encoding checks of
        // foreign content, declarative shadow roots, customised built-in elements, namespaces.
        "encoding", "color", "face", "size", "shadowrootmode", "shadowrootdelegatesfocus", "is", "xmlns",
    ];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Kept =
        new HashSet<string>(Names, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The parser's options with only <see cref="Names"/> kept (or every attribute, to compare against).</summary>
    public static HtmlParserOptions Options(int maximumDepth, bool keepAll = false) => new()
    {
        MaximumDepth = maximumDepth,
        SkipComments = true,
        // Source positions of elements are never read.
        DisableElementPositionTracking = true,
        ShouldEmitAttribute = keepAll ? null : static (ref _, name) => Kept.Contains(name.Span),
    };
}
