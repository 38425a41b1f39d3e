using System.Security.Cryptography;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Parquet.Schema;
using Corpus.Parquet.Writing;

namespace Corpus.Parquet.Release;

/// <summary>
/// Writes a release: kept rows to <c>data/</c>, the rest to <c>excluded/</c>, then the changelog against the
/// previous release, the charts, the dataset card, the recipe and <c>manifest.json</c>. Everything goes into a hidden
/// temporary folder beside the target, every file is fsynced, and the folder is renamed into place in one step, so
/// an interrupted build never leaves a partial <c>releases/&lt;version&gt;/</c> and a published version is never
/// overwritten.
/// </summary>
/// <param name="articles">The kept-rows layout; defaults to the current one (older layouts only for test fixtures).</param>
/// <param name="excluded">The set-aside layout; defaults to the current one.</param>
public sealed class ReleaseWriter(Recipe recipe, string releasesRoot, string toolVersion, TableSchema? articles = null, TableSchema? excluded = null)
{
    private readonly TableSchema _articles = articles ?? ArticleSchemas.Articles;
    private readonly TableSchema _excluded = excluded ?? ArticleSchemas.Excluded;

    public string TargetPath => Path.Combine(releasesRoot, recipe.Version);

    /// <summary>
    /// Renders <c>report.html</c> from the written folder and its (draft) manifest, when set; the page is listed and
    /// hashed like every other file. It must be deterministic: a release is the same bytes however it was built.
    /// </summary>
    public Func<string, ReleaseManifest, CancellationToken, Task<string>>? Report { get; init; }

    /// <summary>
    /// More small text files for the release (path → text, e.g. <c>promos.json</c>), written before the report is
    /// rendered so it can read them, and listed and hashed like every other file.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Texts { get; init; }

    public async Task<ReleaseManifest> WriteAsync(BuildResult build, CancellationToken cancellationToken = default)
    {
        var target = TargetPath;
        if (Directory.Exists(target)) throw new ReleaseExistsException(target, recipe.Version);
        Directory.CreateDirectory(releasesRoot);
        var temp = Path.Combine(releasesRoot, $".tmp-{recipe.Version}-{Guid.NewGuid():N}");
        try
        {
            var options = WriteOptions.From(recipe.Output);
            var statistics = new ReleaseStatistics();
            // The runner hands documents over sorted by id (then source URL); the writer checks that as it streams.
            var files = new List<ShardFile>();
            files.AddRange(await ParquetTableWriter.WriteAsync(_articles, statistics.Observe(build.Kept), temp, "data", recipe.Output.Split, options, cancellationToken));
            files.AddRange(await ParquetTableWriter.WriteAsync(_excluded, build.NotKept, temp, "excluded", "excluded", options, cancellationToken));

            var predecessor = SemanticVersion.TryParse(recipe.Version, out var own)
                ? SemanticVersion.Published(releasesRoot).Where(v => v.CompareTo(own) < 0).Select(v => v.ToString()).LastOrDefault()
                : null;
            var manifest = new ReleaseManifest
            {
                Dataset = recipe.Name,
                Version = recipe.Version,
                SchemaVersions = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    [_articles.Name] = _articles.Version,
                    [_excluded.Name] = _excluded.Version,
                },
                ToolVersion = toolVersion,
                RecipeSha256 = recipe.Sha256,
                Recipe = recipe.Text,
                Inputs = InputDigest.From(build.Documents, build.ArchiveFiles ?? [], recipe.ResolvePath),
                Files = files,
                Build = build.Report,
                Counts = statistics.ToCounts(),
                Predecessor = predecessor,
            };

            var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (path, text) in Texts ?? new Dictionary<string, string>()) await WriteTextAsync(Path.Combine(temp, path), texts[path] = text, cancellationToken);
            if (predecessor is not null || Report is not null)
            {
                // The changelog and the report read this release's shards through a draft manifest; the final one replaces it below.
                await WriteTextAsync(Path.Combine(temp, "manifest.json"), manifest.ToJson(), cancellationToken);
                if (predecessor is not null)
                {
                    var diff = await ReleaseDiff.CompareAsync(Path.Combine(releasesRoot, predecessor), temp, cancellationToken);
                    texts["CHANGELOG.md"] = diff.ToMarkdown();
                }
                if (Report is not null) texts["report.html"] = await Report(temp, manifest, cancellationToken);
                File.Delete(Path.Combine(temp, "manifest.json"));
            }
            foreach (var (path, svg) in DatasetCard.RenderCharts(manifest)) texts[path] = svg;
            texts["README.md"] = DatasetCard.Render(recipe, manifest, _articles);
            texts["corpus.yaml"] = recipe.Text;
            var others = new List<ReleaseFile>();
            foreach (var (path, text) in texts)
            {
                var full = Path.Combine(temp, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                if (Texts?.ContainsKey(path) != true) await WriteTextAsync(full, text, cancellationToken);
                others.Add(new ReleaseFile(path, new FileInfo(full).Length, ParquetTableWriter.Sha256Of(full)));
            }
            manifest = manifest with { OtherFiles = others };
            await WriteTextAsync(Path.Combine(temp, "manifest.json"), manifest.ToJson(), cancellationToken);

            cancellationToken.ThrowIfCancellationRequested();
            if (Directory.Exists(target)) throw new ReleaseExistsException(target, recipe.Version);
            // One rename publishes the whole release; on the same file system it is atomic.
            Directory.Move(temp, target);
            return manifest;
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    private static async Task WriteTextAsync(string path, string text, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
        await stream.WriteAsync(bytes, ct);
        stream.Flush(flushToDisk: true);
    }
}
