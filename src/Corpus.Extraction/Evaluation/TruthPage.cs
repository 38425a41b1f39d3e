using System.Text.Json;

namespace Corpus.Extraction.Evaluation;

/// <summary>One labelled page of the benchmark: the hand-made article body and the page's URL.</summary>
public sealed record TruthPage(string ArticleBody, string? Url);

/// <summary>
/// Reads the benchmark's JSON files: <c>{key: {articleBody, url}}</c>, or an extractor's output either in that shape or
/// wrapped as <c>{"version": ..., "output": {key: {articleBody}}}</c>.
/// </summary>
public static class BenchmarkFiles
{
    public static Dictionary<string, TruthPage> Read(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"{path}: expected a JSON object.");
        if (root.TryGetProperty("output", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object) root = wrapped;
        var pages = new Dictionary<string, TruthPage>(StringComparer.Ordinal);
        foreach (var entry in root.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object) throw new FormatException($"{path}: entry '{entry.Name}' is not an object.");
            var body = entry.Value.TryGetProperty("articleBody", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : "";
            var url = entry.Value.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            pages[entry.Name] = new TruthPage(body, url);
        }
        return pages;
    }
}
