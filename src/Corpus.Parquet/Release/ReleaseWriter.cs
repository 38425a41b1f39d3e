using Corpus.Core.Documents;
using Corpus.Core.Pipeline;
using Corpus.Core.Recipes;
using Corpus.Parquet.Schema;
using Corpus.Parquet.Writing;

namespace Corpus.Parquet.Release;

/// <summary>
/// Writes a release: kept rows to <c>data/</c>, the rest to <c>excluded/</c>, then <c>manifest.json</c> and the
/// dataset card. Everything is written into a hidden temporary folder beside the target and renamed into place in
/// one step, so an interrupted build never leaves a partial <c>releases/&lt;version&gt;/</c>.
/// </summary>
public sealed class ReleaseWriter(Recipe recipe, string releasesRoot, string toolVersion)
{
    public string TargetPath => Path.Combine(releasesRoot, recipe.Version);

    public async Task<ReleaseManifest> WriteAsync(BuildResult build, CancellationToken cancellationToken = default)
    {
        var target = TargetPath;
        if (Directory.Exists(target)) throw new ReleaseExistsException(target, recipe.Version);
        Directory.CreateDirectory(releasesRoot);
        var temp = Path.Combine(releasesRoot, $".tmp-{recipe.Version}-{Guid.NewGuid():N}");
        try
        {
            var options = new WriteOptions(
                WriteOptions.ParseCompression(recipe.Output.Compression),
                recipe.Output.RowGroupMb * 1024L * 1024L,
                recipe.Output.ShardMb * 1024L * 1024L);
            var kept = build.Kept.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
            var notKept = build.NotKept.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.SourceUrl, StringComparer.Ordinal).ToList();
            var files = new List<ShardFile>();
            files.AddRange(await ParquetTableWriter.WriteAsync(ArticleSchemas.Articles, kept, temp, "data", recipe.Output.Split, options, cancellationToken));
            files.AddRange(await ParquetTableWriter.WriteAsync(ArticleSchemas.Excluded, notKept, temp, "excluded", "excluded", options, cancellationToken));

            var manifest = new ReleaseManifest
            {
                Dataset = recipe.Name,
                Version = recipe.Version,
                SchemaVersions = new SortedDictionary<string, string>
                {
                    [ArticleSchemas.Articles.Name] = ArticleSchemas.Articles.Version,
                    [ArticleSchemas.Excluded.Name] = ArticleSchemas.Excluded.Version,
                },
                ToolVersion = toolVersion,
                RecipeSha256 = recipe.Sha256,
                Recipe = recipe.Text,
                Files = files,
                Build = build.Report,
                KeptByDomain = Tally(kept.Select(d => d.Domain)),
            };
            await WriteTextAsync(Path.Combine(temp, "manifest.json"), manifest.ToJson(), cancellationToken);
            await WriteTextAsync(Path.Combine(temp, "README.md"), DatasetCard.Render(recipe, manifest), cancellationToken);
            await WriteTextAsync(Path.Combine(temp, "corpus.yaml"), recipe.Text, cancellationToken);

            if (Directory.Exists(target)) throw new ReleaseExistsException(target, recipe.Version);
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
        await using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
            await writer.WriteAsync(text.AsMemory(), ct);
    }

    private static SortedDictionary<string, int> Tally(IEnumerable<string> keys)
    {
        var result = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var k in keys) result[k] = result.GetValueOrDefault(k) + 1;
        return result;
    }
}
