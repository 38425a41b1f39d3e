using System.Globalization;
using System.Text;
using Corpus.Core.Recipes;
using Corpus.Parquet.Schema;

namespace Corpus.Parquet.Release;

/// <summary>The release's <c>README.md</c> in the Hugging Face dataset-card shape: YAML front matter, then prose.</summary>
public static class DatasetCard
{
    public static string Render(Recipe recipe, ReleaseManifest manifest)
    {
        var inv = CultureInfo.InvariantCulture;
        var split = recipe.Output.Split;
        var data = manifest.Files.Where(f => f.Path.StartsWith("data/", StringComparison.Ordinal)).ToList();
        var rows = data.Sum(f => f.Rows);
        var bytes = data.Sum(f => f.Bytes);
        var sb = new StringBuilder();
        sb.AppendLine("---");
        sb.AppendLine($"pretty_name: {recipe.Name}");
        sb.AppendLine($"license: {Yaml(recipe.License.ToLowerInvariant())}");
        if (recipe.Languages.Count > 0)
        {
            sb.AppendLine("language:");
            foreach (var l in recipe.Languages) sb.AppendLine($"- {l}");
        }
        sb.AppendLine("task_categories:\n- text-generation\n- text-classification");
        sb.AppendLine($"size_categories:\n- {SizeCategory(rows)}");
        sb.AppendLine("configs:\n- config_name: default\n  data_files:");
        sb.AppendLine($"  - split: {split}\n    path: data/{split}-*.parquet");
        sb.AppendLine("dataset_info:\n  features:");
        foreach (var c in ArticleSchemas.Articles.Columns)
            sb.AppendLine($"  - name: {c.Name}\n    dtype: {HfType(c.Type)}");
        sb.AppendLine($"  splits:\n  - name: {split}\n    num_bytes: {bytes.ToString(inv)}\n    num_examples: {rows.ToString(inv)}");
        sb.AppendLine($"  download_size: {bytes.ToString(inv)}");
        sb.AppendLine("---");
        sb.AppendLine();
        sb.AppendLine($"# {recipe.Name} {manifest.Version}");
        sb.AppendLine();
        if (!string.IsNullOrWhiteSpace(recipe.Description)) sb.AppendLine(recipe.Description.Trim()).AppendLine();
        sb.AppendLine($"Built by Corpus {manifest.ToolVersion} from recipe `corpus.yaml` (sha256 `{manifest.RecipeSha256}`), schema `articles/v{ArticleSchemas.Articles.Version}`.");
        sb.AppendLine();
        sb.AppendLine("## Build accounting\n");
        var b = manifest.Build;
        sb.AppendLine("| input | kept | excluded | duplicates | failed |\n|---:|---:|---:|---:|---:|");
        sb.AppendLine($"| {b.Input} | {b.Kept} | {b.Excluded} | {b.Duplicates} | {b.Failed} |");
        sb.AppendLine();
        if (b.ExcludedByRule.Count > 0)
        {
            sb.AppendLine("| exclusion rule | documents |\n|---|---:|");
            foreach (var (rule, n) in b.ExcludedByRule) sb.AppendLine($"| `{rule}` | {n} |");
            sb.AppendLine();
        }
        sb.AppendLine("## Languages\n\n| language | documents |\n|---|---:|");
        foreach (var (lang, n) in b.KeptByLanguage) sb.AppendLine($"| {lang} | {n} |");
        sb.AppendLine();
        sb.AppendLine("## Fields\n\n| field | type | description |\n|---|---|---|");
        foreach (var c in ArticleSchemas.Articles.Columns)
            sb.AppendLine($"| `{c.Name}` | {HfType(c.Type)}{(c.Nullable ? " (nullable)" : "")} | {c.Description.Replace("|", "\\|")} |");
        sb.AppendLine();
        sb.AppendLine("Documents that were not kept are in `excluded/`, each with its status and the rule, duplicate or error that set it aside.");
        return sb.ToString();
    }

    private static string Yaml(string s) => s.Length == 0 ? "other" : s;

    private static string HfType(ColumnType t) => t switch
    {
        ColumnType.String => "string",
        ColumnType.Int32 => "int32",
        ColumnType.Int64 => "int64",
        ColumnType.Double => "float64",
        ColumnType.Timestamp => "timestamp[us, tz=UTC]",
        _ => "string",
    };

    private static string SizeCategory(long n) => n switch
    {
        < 1_000 => "n<1K",
        < 10_000 => "1K<n<10K",
        < 100_000 => "10K<n<100K",
        < 1_000_000 => "100K<n<1M",
        _ => "1M<n<10M",
    };
}
