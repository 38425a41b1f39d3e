using System.Globalization;
using System.Text;
using Corpus.Core.Recipes;
using Corpus.Parquet.Schema;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Corpus.Parquet.Release;

/// <summary>
/// The release's <c>README.md</c> in the Hugging Face dataset-card shape: YAML front matter (configs, dataset_info
/// with features and splits, language, license, size and task categories), then how the data was built with every
/// setting in force, the fields, statistics with charts (<c>assets/*.svg</c>), and known limitations.
/// </summary>
public static class DatasetCard
{
    /// <summary>The charts the card embeds, as (file in the release, title).</summary>
    public static readonly IReadOnlyList<(string Path, string Title)> Charts =
    [
        ("assets/languages.svg", "Documents by language"),
        ("assets/topics.svg", "Documents by topic"),
        ("assets/lengths.svg", "Document length (words)"),
        ("assets/exclusions.svg", "Documents set aside, by reason"),
    ];

    /// <summary>The chart files' contents, keyed by path.</summary>
    public static IReadOnlyDictionary<string, string> RenderCharts(ReleaseManifest manifest)
    {
        static List<(string, long)> Bars(IEnumerable<KeyValuePair<string, long>> counts) =>
            counts.Select(kv => (kv.Key, kv.Value)).ToList();
        var c = manifest.Counts;
        return new Dictionary<string, string>
        {
            [Charts[0].Path] = SvgBarChart.Render(Charts[0].Title, Bars(c.Language.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))),
            [Charts[1].Path] = SvgBarChart.Render(Charts[1].Title, Bars(c.Topic.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new KeyValuePair<string, long>(TopicName(manifest, kv.Key), kv.Value)))),
            [Charts[2].Path] = SvgBarChart.Render(Charts[2].Title, Bars(c.WordCount)),
            [Charts[3].Path] = SvgBarChart.Render(Charts[3].Title, Bars(SetAside(manifest))),
        };
    }

    /// <summary>A topic's label when the rows gave one (<c>politics</c>), else its code.</summary>
    public static string TopicName(ReleaseManifest manifest, string code) =>
        manifest.Counts.TopicLabel?.GetValueOrDefault(code) is { Length: > 0 } label ? label : code;

    private static IEnumerable<KeyValuePair<string, long>> SetAside(ReleaseManifest manifest)
    {
        var b = manifest.Build;
        foreach (var (rule, n) in b.ExcludedByRule) yield return new(rule, n);
        if (b.Duplicates > 0) yield return new("duplicate", b.Duplicates);
        if (b.Failed > 0) yield return new("failed", b.Failed);
    }

    public static string Render(Recipe recipe, ReleaseManifest manifest, TableSchema table)
    {
        var inv = CultureInfo.InvariantCulture;
        var split = recipe.Output.Split;
        var data = manifest.Files.Where(f => f.Table == table.Name).ToList();
        var rows = data.Sum(f => f.Rows);
        var bytes = data.Sum(f => f.Bytes);
        // The Hub's num_bytes and dataset_size are the Arrow (in-memory) size; download_size is the files'.
        var arrowBytes = data.Sum(f => f.ArrowBytes);
        var sb = new StringBuilder();
        sb.AppendLine("---");
        sb.AppendLine(inv, $"pretty_name: {Quote(recipe.Name)}");
        sb.AppendLine(inv, $"license: {Quote(recipe.License.Length == 0 ? "other" : recipe.License.ToLowerInvariant())}");
        if (recipe.Languages.Count > 0)
        {
            sb.AppendLine("language:");
            foreach (var l in recipe.Languages) sb.AppendLine(inv, $"- {l}");
        }
        sb.AppendLine("source_datasets:\n- original");
        sb.AppendLine("task_categories:\n- text-generation\n- text-classification");
        sb.AppendLine(inv, $"size_categories:\n- {SizeCategory(rows)}");
        sb.AppendLine("tags:\n- news\n- corpus");
        sb.AppendLine("configs:\n- config_name: default\n  data_files:");
        sb.AppendLine(inv, $"  - split: {split}\n    path: data/{split}-*.parquet");
        sb.AppendLine("dataset_info:\n  config_name: default\n  features:");
        foreach (var c in table.Columns)
            sb.AppendLine(inv, $"  - name: {c.Name}\n    dtype: {Quote(HfType(c.Type))}");
        sb.AppendLine(inv, $"  splits:\n  - name: {split}\n    num_bytes: {arrowBytes}\n    num_examples: {rows}");
        sb.AppendLine(inv, $"  download_size: {bytes}");
        sb.AppendLine(inv, $"  dataset_size: {arrowBytes}");
        sb.AppendLine("---");
        sb.AppendLine();

        sb.AppendLine(inv, $"# {recipe.Name} {manifest.Version}");
        sb.AppendLine();
        if (!string.IsNullOrWhiteSpace(recipe.Description)) sb.AppendLine(recipe.Description.Trim()).AppendLine();
        sb.AppendLine(string.Create(inv, $"{rows} news articles in {data.Count} Parquet shard(s), built by Corpus {manifest.ToolVersion} from the recipe `corpus.yaml` (sha256 `{manifest.RecipeSha256}`), schema `{table.Name}/v{manifest.SchemaVersions.GetValueOrDefault(table.Name)}`. Every file's size and sha256 are in `manifest.json`; `corpus verify` checks them.") + (manifest.Predecessor is { } p ? $" Changes since {p} are in `CHANGELOG.md`." : ""));
        sb.AppendLine();
        sb.AppendLine("## Loading\n\n```python\nimport pandas as pd\ndf = pd.read_parquet(\"data/\")\n\nfrom datasets import load_dataset\n" +
            $"ds = load_dataset(\"parquet\", data_files={{\"{split}\": \"data/{split}-*.parquet\"}})\n```\n");
        sb.AppendLine(inv, $"```sql\nSELECT language, count(*) FROM 'data/*.parquet' GROUP BY 1;  -- DuckDB\n```\n");

        sb.AppendLine("## How it was built\n");
        sb.AppendLine("Pages were fetched (sitemaps, feeds, seeds or WARC files), the article text and metadata extracted, in-body promos removed, " +
            $"the text normalised, quality rules applied, the language detected, and {DedupSummary(recipe.Dedup)}. No document is dropped silently: " +
            "every one set aside is in `excluded/` with its status and the rule and value, the duplicate it repeats, or the error.\n");
        sb.AppendLine("Every setting in force for this build (the recipe, with defaults filled in):\n\n| setting | value |\n|---|---|");
        foreach (var (key, value) in Settings(recipe)) sb.AppendLine(inv, $"| `{key}` | {Cell(value)} |");
        sb.AppendLine();
        var inputs = manifest.Inputs;
        sb.AppendLine(string.Create(inv, $"Inputs: {inputs.Pages} pages (crawl summary sha256 `{inputs.CrawlSummarySha256}`)") +
            (inputs.WarcFiles.Count > 0 ? string.Create(inv, $", {inputs.WarcFiles.Count} WARC file(s) listed with their sha256 in `manifest.json`.") : "."));
        sb.AppendLine();

        var b = manifest.Build;
        sb.AppendLine("## Statistics\n");
        sb.AppendLine("| input | kept | excluded | duplicates | failed |\n|---:|---:|---:|---:|---:|");
        sb.AppendLine(inv, $"| {b.Input} | {b.Kept} | {b.Excluded} | {b.Duplicates} | {b.Failed} |");
        sb.AppendLine();
        Table(sb, "Languages", "language", manifest.Counts.Language, Charts[0]);
        Table(sb, "Topics", "topic", manifest.Counts.Topic.ToDictionary(kv => TopicName(manifest, kv.Key) == kv.Key ? kv.Key : $"{TopicName(manifest, kv.Key)} ({kv.Key})", kv => kv.Value), Charts[1]);
        Table(sb, "Document lengths", "words", manifest.Counts.WordCount, Charts[2]);
        Table(sb, "Exclusion reasons", "reason", SetAside(manifest).ToDictionary(), Charts[3]);
        Table(sb, "Domains", "domain", manifest.Counts.Domain, null);

        sb.AppendLine("## Fields\n\n| field | type | description |\n|---|---|---|");
        foreach (var c in table.Columns)
            sb.AppendLine(inv, $"| `{c.Name}` | {HfType(c.Type)}{(c.Nullable ? " (nullable)" : "")} | {Cell(c.Description)} |");
        sb.AppendLine();

        sb.AppendLine("## Known limitations\n");
        sb.AppendLine("- News text carries the biases, errors and point of view of its publishers; nothing here corrects them.");
        sb.AppendLine("- Language detection chooses only among the recipe's `languages`; text in another language is labelled with the closest of them.");
        if (manifest.Counts.Topic.Keys.All(k => k == "(none)")) sb.AppendLine("- Topics were not annotated in this build (`topic` is null).");
        if (inputs.WarcFiles.Count == 0) sb.AppendLine("- The pages were crawled live, not read from WARC files: `fetched_at` is the crawl time, so a rebuild from a new crawl differs in that column.");
        sb.AppendLine(DedupLimitation(recipe.Dedup));
        sb.AppendLine("- Article extraction is heuristic: some page chrome may remain in `text` and some paragraphs may be missing.");
        return sb.ToString();
    }

    /// <summary>What deduplication did in this build, from the settings in force.</summary>
    public static string DedupSummary(DedupSettings d)
    {
        var steps = new List<string>();
        if (d.Exact) steps.Add("exact duplicates (same normalised text or canonical URL) removed");
        if (d.Near) steps.Add(string.Create(CultureInfo.InvariantCulture, $"near duplicates removed by MinHash LSH over {d.ShingleWords}-word shingles ({d.Bands} bands × {d.Rows} rows)"));
        if (d.RepeatedLines) steps.Add(string.Create(CultureInfo.InvariantCulture, $"lines repeated in {d.RepeatedLineMinDocs} or more documents of one site removed"));
        return steps.Count == 0 ? "no deduplication (switched off for this build)" : string.Join(", ", steps);
    }

    private static string DedupLimitation(DedupSettings d) => (d.Exact, d.Near) switch
    {
        (_, true) => "- Near-duplicate detection is probabilistic (MinHash LSH): a few pairs just above or below the similarity threshold may be missed or caught; every duplicate set aside names the document it repeats (`excluded/`, `duplicate_of`).",
        (true, false) => "- Near-duplicate detection was switched off for this build: only exact duplicates were removed, and near duplicates may remain.",
        _ => "- Deduplication was switched off for this build: duplicates may remain.",
    };

    private static void Table(StringBuilder sb, string title, string key, IReadOnlyDictionary<string, long> counts, (string Path, string Title)? chart)
    {
        sb.AppendLine(CultureInfo.InvariantCulture, $"### {title}\n");
        if (chart is { } c) sb.AppendLine(CultureInfo.InvariantCulture, $"![{c.Title}]({c.Path})\n");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {key} | documents |\n|---|---:|");
        foreach (var (k, n) in counts) sb.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(k)} | {n} |");
        sb.AppendLine();
    }

    /// <summary>
    /// Every recipe setting except identity and sources, flattened to dotted keys, defaults included: quality
    /// thresholds at their published default (<see cref="RecipeKeys"/>) are marked "(default)".
    /// </summary>
    public static IReadOnlyList<(string Key, string Value)> Settings(Recipe recipe)
    {
        var yaml = new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Serialize(recipe);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var result = new List<(string, string)>();
        void Walk(YamlNode node, string prefix)
        {
            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var (k, v) in map.Children) Walk(v, prefix.Length == 0 ? k.ToString() : $"{prefix}.{k}");
                    break;
                case YamlSequenceNode seq:
                    result.Add((prefix, "[" + string.Join(", ", seq.Children.Select(c => c.ToString())) + "]"));
                    break;
                default:
                    var value = node.ToString();
                    // A quality threshold at its published default is marked as such.
                    if (prefix.StartsWith("quality.", StringComparison.Ordinal) && RecipeKeys.Find(prefix) is { Source: not null } key
                        && value == RecipeKey.Format(key.Default))
                        value = $"{value} (default)";
                    result.Add((prefix, value));
                    break;
            }
        }
        if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root)
            foreach (var (k, v) in root.Children)
                if (k.ToString() is not ("name" or "version" or "license" or "description" or "sources")) Walk(v, k.ToString());
        return result;
    }

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");

    private static string Quote(string s) => "'" + s.Replace("'", "''") + "'";

    /// <summary>The Hugging Face <c>datasets</c> Value dtype for a column type.</summary>
    public static string HfType(ColumnType t) => t switch
    {
        ColumnType.String => "string",
        ColumnType.Int32 => "int32",
        ColumnType.Int64 => "int64",
        ColumnType.Double => "float64",
        ColumnType.Boolean => "bool",
        ColumnType.Timestamp => "timestamp[us, tz=UTC]",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    // The Hub's size_categories buckets.
    private static string SizeCategory(long n) => n switch
    {
        < 1_000 => "n<1K",
        < 10_000 => "1K<n<10K",
        < 100_000 => "10K<n<100K",
        < 1_000_000 => "100K<n<1M",
        < 10_000_000 => "1M<n<10M",
        < 100_000_000 => "10M<n<100M",
        _ => "100M<n<1B",
    };
}
