using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Parquet.Release;

namespace Corpus.Tests.Parquet;

/// <summary>Small, fully deterministic documents and releases for the writer, verify and diff tests (no crawl).</summary>
public static class SyntheticRelease
{
    public static readonly DateTimeOffset Fetched = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Languages = ["id", "en", "ms"];
    private static readonly string[] Topics = ["medtop:11000000", "medtop:04000000", "medtop:15000000"];
    private static readonly string[] TopicLabels = ["politics", "economy, business and finance", "sport"];

    public static Document Article(int i, string? text = null, string domain = "kabar.test")
    {
        var url = $"http://{domain}/berita/{i:00000}.html";
        return new Document
        {
            Id = DocumentId.FromUrl(url), Url = url, SourceUrl = url, Domain = domain, FetchedAt = Fetched.AddMinutes(i),
            Title = $"Berita nomor {i}", Text = text ?? string.Join('\n', Enumerable.Range(0, 3).Select(p => $"Paragraf {p} dari berita {i} tentang pemilu dan ekonomi daerah.")),
            Section = i % 2 == 0 ? "politik" : "ekonomi", Language = Languages[i % 3], LanguageScore = 0.9,
            Topic = Topics[i % 3], TopicLabel = TopicLabels[i % 3], WordCount = 30 + i, CharCount = 200 + i, Published = Fetched.AddDays(-i),
        };
    }

    /// <summary>Documents 0..n-1, <paramref name="excluded"/> of them excluded by quality.min_words, sorted by id as the runner sorts them.</summary>
    public static BuildResult Build(IEnumerable<Document> documents)
    {
        var all = documents.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.SourceUrl, StringComparer.Ordinal).ToList();
        return new BuildResult(all, BuildReport.From(all.Count, all));
    }

    public static BuildResult Build(int n, int excluded = 2) =>
        Build(Enumerable.Range(0, n).Select(i => i < excluded ? Article(i).Exclude("quality.min_words", "12") : Article(i)));

    public static Recipe Recipe(string version = "1.0.0", string extra = "")
    {
        var text = $"""
            name: synthetic
            version: {version}
            license: CC-BY-4.0
            languages: [id, en, ms]
            sources:
              seeds: [http://kabar.test/]
            quality:
              min_words: 50
            output:
              compression: zstd
              row_group_mb: 1
              shard_mb: 2
            {extra}
            """;
        var recipe = RecipeLoader.Parse(text, "corpus.yaml");
        recipe.Text = text;
        recipe.Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        return recipe;
    }

    public static async Task<string> WriteAsync(string releasesRoot, BuildResult build, string version = "1.0.0")
    {
        var writer = new ReleaseWriter(Recipe(version), releasesRoot, "0.1.0");
        await writer.WriteAsync(build);
        return writer.TargetPath;
    }
}
