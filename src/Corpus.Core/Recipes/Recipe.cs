namespace Corpus.Core.Recipes;

/// <summary>
/// A dataset recipe (<c>datasets/&lt;name&gt;/corpus.yaml</c>): the only place build settings come from.
/// Keys are snake_case in YAML. Each stage's settings live in their own class beside this one.
/// </summary>
[Step("publish")]
public sealed class Recipe
{
    public string Name { get; set; } = "";
    public string Version { get; set; } = "";
    public string License { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>ISO 639-1 codes the corpus expects; the language detector is restricted to them when given.</summary>
    [Step("annotate.language")]
    public List<string> Languages { get; set; } = [];
    public SourceSettings Sources { get; set; } = new();
    public CrawlSettings Crawl { get; set; } = new();
    public QualitySettings Quality { get; set; } = new();
    public ExtractionSettings Extraction { get; set; } = new();
    public DedupSettings Dedup { get; set; } = new();
    public AnnotationSettings Annotation { get; set; } = new();
    public OutputSettings Output { get; set; } = new();

    /// <summary>Folder the recipe file lives in; relative paths in the recipe resolve against it.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public string BaseDirectory { get; set; } = ".";

    /// <summary>SHA-256 of the recipe file's bytes, for the manifest.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public string Sha256 { get; set; } = "";

    /// <summary>The recipe file's text as read, copied into the release.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public string Text { get; set; } = "";

    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));
}
