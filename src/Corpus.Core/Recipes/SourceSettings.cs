namespace Corpus.Core.Recipes;

/// <summary>The <c>sources:</c> section: where pages come from.</summary>
[Step("crawl")]
public sealed class SourceSettings
{
    /// <summary>Pages to start from.</summary>
    public List<string> Seeds { get; set; } = [];
    /// <summary>XML sitemaps (or sitemap indexes) whose URLs are fetched.</summary>
    public List<string> Sitemaps { get; set; } = [];
    /// <summary>RSS or Atom feeds whose item links are fetched.</summary>
    public List<string> Feeds { get; set; } = [];
    /// <summary>WARC files or globs, relative to the recipe; read instead of (or besides) crawling.</summary>
    [Step("process")]
    public List<string> Warc { get; set; } = [];
    /// <summary>Local folders served on a loopback port during the build, answering for the given host.</summary>
    public List<ServedSite> Serve { get; set; } = [];
}

/// <summary>A static site on disk that the build serves to itself, so offline builds use the real HTTP path.</summary>
public sealed class ServedSite
{
    public string Dir { get; set; } = "";
    public string Host { get; set; } = "";
}
