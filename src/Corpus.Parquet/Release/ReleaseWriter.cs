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
/// <summary>One table of a release: its layout, and its shards' folder and name prefix (<c>data/train-00000-of-00003.parquet</c>).</summary>
public sealed record ReleaseTable(TableSchema Schema, string Folder, string Prefix, bool Kept);

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

    /// <summary>The release's tables in the order the manifest lists them: kept rows, then the set-aside ones.</summary>
    public IReadOnlyList<ReleaseTable> Tables => [new(_articles, "data", recipe.Output.Split, Kept: true), new(_excluded, "excluded", "excluded", Kept: false)];

    public WriteOptions Options => WriteOptions.From(recipe.Output);

    public async Task<ReleaseManifest> WriteAsync(BuildResult build, CancellationToken cancellationToken = default)
    {
        var temp = NewTemp();
        try
        {
            var options = Options;
            var statistics = new ReleaseStatistics();
            // The runner hands documents over sorted by id (then source URL); the writer checks that as it streams.
            var files = new List<ShardFile>();
            foreach (var table in Tables)
            {
                var rows = table.Kept ? statistics.Observe(build.Kept) : build.NotKept;
                files.AddRange(await ParquetTableWriter.WriteAsync(table.Schema, rows, temp, table.Folder, table.Prefix, options, cancellationToken));
            }
            var inputs = InputDigest.From(build.Documents, build.ArchiveFiles ?? [], recipe.ResolvePath);
            return await FinishAsync(temp, files, statistics.ToCounts(), inputs, build.Report, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>
    /// Publishes shards that were written elsewhere, table by table and id range by id range (a scaled-out build's
    /// write tasks), with the counts, input digest and accounting gathered over the same rows: each shard is copied
    /// (and fsynced) into the release under its <see cref="ShardFile.Path"/>, then the changelog, card, recipe and
    /// manifest are written and the folder published as by <see cref="WriteAsync"/>.
    /// </summary>
    /// <param name="shards">Every shard of every table, in manifest order, with the full path it was written to.</param>
    public async Task<ReleaseManifest> PublishAsync(IReadOnlyList<(string Source, ShardFile File)> shards, ReleaseCounts counts, InputDigest inputs,
        BuildReport report, CancellationToken cancellationToken = default)
    {
        var temp = NewTemp();
        try
        {
            foreach (var (source, file) in shards)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var target = Path.Combine(temp, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
                await using (var to = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                {
                    await from.CopyToAsync(to, cancellationToken);
                    to.Flush(flushToDisk: true);
                }
                if (new FileInfo(target).Length != file.Bytes)
                    throw new InvalidOperationException($"{source} has {new FileInfo(target).Length} bytes; its writer recorded {file.Bytes}.");
            }
            return await FinishAsync(temp, [.. shards.Select(s => s.File)], counts, inputs, report, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    private string NewTemp()
    {
        if (Directory.Exists(TargetPath)) throw new ReleaseExistsException(TargetPath, recipe.Version);
        Directory.CreateDirectory(releasesRoot);
        var temp = Path.Combine(releasesRoot, $".tmp-{recipe.Version}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        return temp;
    }

    /// <summary>The shards are in <paramref name="temp"/>: the manifest, changelog, charts, card and recipe go beside them and the folder is published.</summary>
    private async Task<ReleaseManifest> FinishAsync(string temp, IReadOnlyList<ShardFile> files, ReleaseCounts counts, InputDigest inputs,
        BuildReport report, CancellationToken cancellationToken)
    {
        var target = TargetPath;
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
            Inputs = inputs,
            Files = files,
            Build = report,
            Counts = counts,
            Predecessor = predecessor,
        };

        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, text) in Texts ?? new Dictionary<string, string>()) await WriteTextAsync(Path.Combine(temp, path), texts[path] = text, cancellationToken);
        if (predecessor is not null || Report is not null)
        {
            // The changelog and the report read this release's shards through a draft manifest; the final one replaces it below.
            // Deleted again before the folder is published, so never synced to the disk.
            await WriteTextAsync(Path.Combine(temp, "manifest.json"), manifest.ToJson(), cancellationToken, durable: false);
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

    private static async Task WriteTextAsync(string path, string text, CancellationToken ct, bool durable = true)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
        await stream.WriteAsync(bytes, ct);
        if (durable) stream.Flush(flushToDisk: true);
        else stream.Flush();
    }
}
