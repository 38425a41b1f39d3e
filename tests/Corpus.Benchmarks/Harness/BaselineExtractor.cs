using System.Reflection;
using System.Runtime.Loader;

namespace Corpus.Benchmarks.Harness;

/// <summary>
/// Another build's extractor in this process: its <c>Corpus.*</c> assemblies are loaded from
/// <c>DIR</c> into their own load context (AngleSharp and the runtime's own assemblies are this process's: the parse
/// is the same code for the floor, ours and the baseline, so none of them runs a colder copy of it), and its
/// <c>ArticleExtractor</c> is built as the benchmark builds ours (default table, default promo rules). So a before
/// and an after build can be timed page by page in the same minute of a shared machine.
/// </summary>
public sealed class BaselineExtractor
{
    private readonly object _extractor;
    private readonly MethodInfo _extract;
    private readonly Type _pageType;
    private readonly PropertyInfo _text;

    public string Directory { get; }

    public BaselineExtractor(string directory)
    {
        Directory = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(Directory, "Corpus.Extraction.dll")))
            throw new ArgumentException($"{Directory} holds no Corpus.Extraction.dll to compare against.");
        var context = new BuildContext(Directory);
        var extraction = context.LoadFromAssemblyName(new AssemblyName("Corpus.Extraction"));
        var text = context.LoadFromAssemblyName(new AssemblyName("Corpus.Text"));
        var core = context.LoadFromAssemblyName(new AssemblyName("Corpus.Core"));
        var rules = extraction.GetType("Corpus.Extraction.ExtractionRules", true)!.GetProperty("Default")!.GetValue(null);
        var promoRules = text.GetType("Corpus.Text.Promos.PromoRules", true)!.GetProperty("Default")!.GetValue(null);
        var classifier = Activator.CreateInstance(text.GetType("Corpus.Text.Promos.PromoBlockClassifier", true)!, promoRules)!;
        var extractorType = extraction.GetType("Corpus.Extraction.ArticleExtractor", true)!;
        var constructor = extractorType.GetConstructors().Single(c => c.GetParameters().Length == 4);
        _extractor = constructor.Invoke([rules, classifier, 0.5, null]);
        _pageType = core.GetType("Corpus.Core.Documents.FetchedPage", true)!;
        _extract = extractorType.GetMethod("Extract", [_pageType])!;
        _text = core.GetType("Corpus.Core.Documents.Document", true)!.GetProperty("Text")!;
    }

    /// <summary>A page of the build's own <c>FetchedPage</c> type, as the benchmark builds ours.</summary>
    public object Page(string url, byte[] body)
    {
        var page = Activator.CreateInstance(_pageType)!;
        _pageType.GetProperty("Url")!.SetValue(page, url);
        _pageType.GetProperty("Status")!.SetValue(page, 200);
        _pageType.GetProperty("ContentType")!.SetValue(page, "text/html");
        _pageType.GetProperty("Body")!.SetValue(page, new ReadOnlyMemory<byte>(body));
        _pageType.GetProperty("FetchedAt")!.SetValue(page, DateTimeOffset.UnixEpoch);
        return page;
    }

    public object Extract(object page) => _extract.Invoke(_extractor, [page])!;

    public string Text(object page) => (string)_text.GetValue(Extract(page))!;

    private sealed class BuildContext(string directory) : AssemblyLoadContext($"baseline {directory}")
    {
        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name is null || !name.Name.StartsWith("Corpus.", StringComparison.Ordinal)) return null;
            var path = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
