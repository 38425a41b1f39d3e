using System.Reflection;

namespace Corpus.Extraction;

/// <summary>The extractor's data: which markup is chrome. Loaded once from <c>Data/</c>.</summary>
public sealed class ExtractionRules
{
    /// <summary>Elements that never hold article text.</summary>
    public IReadOnlySet<string> DroppedElements { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "template", "video", "audio", "select" };

    /// <summary>Blocks whose text becomes one line of output.</summary>
    public IReadOnlySet<string> TextBlocks { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt", "figcaption" };

    public IReadOnlyList<string> BoilerplateTokens { get; }

    private ExtractionRules(IReadOnlyList<string> tokens) => BoilerplateTokens = tokens;

    public static ExtractionRules Default { get; } = new(LoadLines("boilerplate-tokens.txt"));

    internal static IReadOnlyList<string> LoadLines(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Corpus.Extraction.Data.{name}")
            ?? throw new InvalidOperationException($"{name} is not embedded");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') lines.Add(line.Trim().ToLowerInvariant());
        return lines;
    }
}
