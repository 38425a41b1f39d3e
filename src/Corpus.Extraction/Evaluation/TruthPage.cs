using System.Text.Json;

namespace Corpus.Extraction.Evaluation;

/// <summary>
/// One labelled page of the benchmark: the hand-made article body and the page's URL, and where the set labels them,
/// the page's title and byline.
/// </summary>
public sealed record TruthPage(string ArticleBody, string? Url, string? Title = null, string? Byline = null);

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
            pages[entry.Name] = new TruthPage(body, Text(entry.Value, "url"), Text(entry.Value, "title"), Text(entry.Value, "byline"));
        }
        return pages;
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
