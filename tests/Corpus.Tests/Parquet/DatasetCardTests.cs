using System.Xml.Linq;
using Corpus.Parquet.Release;
using Corpus.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Corpus.Tests.Parquet;

/// <summary>The dataset card speaks the Hub's format and tells the truth about the shards beside it.</summary>
public sealed class DatasetCardTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private string _release = "";
    private string _card = "";
    private YamlMappingNode _yaml = null!;

    public async Task InitializeAsync()
    {
        _release = await SyntheticRelease.WriteAsync(_dir.Path, SyntheticRelease.Build(30, excluded: 3));
        _card = await File.ReadAllTextAsync(Path.Combine(_release, "README.md"));
        var parts = _card.Split("---\n");
        Assert.Equal("", parts[0]); // front matter opens the file
        var stream = new YamlStream();
        stream.Load(new StringReader(parts[1]));
        _yaml = (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private static IEnumerable<string> Paths(YamlNode node, string prefix) => node switch
    {
        YamlMappingNode map => map.Children.SelectMany(kv =>
        {
            var path = prefix.Length == 0 ? kv.Key.ToString() : $"{prefix}.{kv.Key}";
            return Paths(kv.Value, path).Prepend(path);
        }),
        YamlSequenceNode seq => seq.Children.SelectMany(c => Paths(c, prefix + "[]")),
        _ => [],
    };

    [Fact]
    public void Front_matter_uses_only_the_hubs_documented_keys()
    {
        var documented = File.ReadAllLines(Path.Combine(RepoPaths.Root, "tests", "Corpus.Tests", "Parquet", "Data", "hub-dataset-card-keys.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();
        Assert.Contains("dataset_info.features[].dtype", documented);
        var used = Paths(_yaml, "").Distinct().ToList();
        Assert.All(used, path => Assert.Contains(path, documented));
        foreach (var required in new[] { "configs[].data_files[].path", "dataset_info.features[].dtype", "dataset_info.splits[].num_examples", "language", "license", "size_categories", "task_categories" })
            Assert.Contains(required, used);
    }

    [Fact]
    public void Features_match_the_shard_schema_and_splits_match_the_rows()
    {
        var features = ((YamlSequenceNode)_yaml["dataset_info"]["features"]).Children
            .Select(f => (Name: f["name"].ToString(), Dtype: f["dtype"].ToString())).ToList();
        var data = DuckDb.Lit(Path.Combine(_release, "data", "*.parquet"));
        var columns = DuckDb.Query($"DESCRIBE SELECT * FROM {data}")
            .Select(r => ((string)r["column_name"]!, HubDtype((string)r["column_type"]!))).ToList();
        Assert.Equal(columns, features);

        var split = (YamlMappingNode)((YamlSequenceNode)_yaml["dataset_info"]["splits"]).Children.Single();
        Assert.Equal("train", split["name"].ToString());
        Assert.Equal(DuckDb.Scalar<long>($"SELECT count(*) FROM {data}"), long.Parse(split["num_examples"].ToString()));
        var dataFiles = (YamlMappingNode)((YamlSequenceNode)((YamlSequenceNode)_yaml["configs"]).Children[0]["data_files"]).Children.Single();
        Assert.Equal("data/train-*.parquet", dataFiles["path"].ToString());
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_release, "data"), "train-*.parquet"));
        Assert.Equal("n<1K", ((YamlSequenceNode)_yaml["size_categories"]).Children.Single().ToString());
    }

    // The dtype `datasets` gives a Parquet column of the type DuckDB reports.
    private static string HubDtype(string duckType) => duckType switch
    {
        "VARCHAR" => "string",
        "INTEGER" => "int32",
        "BIGINT" => "int64",
        "DOUBLE" => "float64",
        "BOOLEAN" => "bool",
        "TIMESTAMP WITH TIME ZONE" => "timestamp[us, tz=UTC]",
        _ => $"unmapped {duckType}",
    };

    [Fact]
    public void States_every_setting_in_force()
    {
        var settings = DatasetCard.Settings(SyntheticRelease.Recipe());
        Assert.Contains(("quality.min_words", "50"), settings);
        Assert.Contains(("output.compression", "zstd"), settings);
        Assert.Contains(settings, s => s.Key == "dedup.exact");
        foreach (var (key, value) in settings)
            Assert.Contains($"| `{key}` | {value.Replace("|", "\\|")} |", _card);
    }

    [Fact]
    public void Embeds_a_chart_and_a_table_for_languages_topics_lengths_and_exclusions()
    {
        foreach (var (path, title) in DatasetCard.Charts)
        {
            Assert.Contains($"![{title}]({path})", _card);
            var svg = XDocument.Load(Path.Combine(_release, path));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.Contains(title, svg.Root.Value);
        }
        var languages = XDocument.Load(Path.Combine(_release, "assets", "languages.svg")).Root!.Value;
        Assert.Contains("id", languages);
        Assert.Contains("| quality.min_words | 3 |", _card);
        Assert.Contains("### Document lengths", _card);
        Assert.Contains("## Known limitations", _card);
    }

    [Fact]
    public void Num_bytes_is_the_arrow_size_of_the_rows_and_download_size_the_files()
    {
        var split = (YamlMappingNode)((YamlSequenceNode)_yaml["dataset_info"]["splits"]).Children.Single();
        var numBytes = long.Parse(split["num_bytes"].ToString());
        Assert.Equal(numBytes, long.Parse(_yaml["dataset_info"]["dataset_size"].ToString()));
        var shards = Directory.GetFiles(Path.Combine(_release, "data"), "*.parquet");
        Assert.Equal(shards.Sum(f => new FileInfo(f).Length), long.Parse(_yaml["dataset_info"]["download_size"].ToString()));

        // Arrow's layout, computed from what DuckDB reads: values (strings as UTF-8 plus 32-bit offsets, booleans as
        // bits), and a validity bitmap for a column holding a null. The synthetic shard is one row group.
        var data = DuckDb.Lit(shards.Single());
        var n = DuckDb.Scalar<long>($"SELECT count(*) FROM {data}");
        long expected = 0;
        foreach (var c in global::Corpus.Parquet.Schema.ArticleSchemas.Articles.Columns)
        {
            var nulls = DuckDb.Scalar<long>($"SELECT count(*) - count({c.Name}) FROM {data}");
            expected += nulls > 0 ? (n + 7) / 8 : 0;
            expected += c.Type switch
            {
                global::Corpus.Parquet.Schema.ColumnType.String => DuckDb.Scalar<long>($"SELECT coalesce(sum(strlen({c.Name})), 0)::BIGINT FROM {data}") + 4 * (n + 1),
                global::Corpus.Parquet.Schema.ColumnType.Int32 => 4 * n,
                global::Corpus.Parquet.Schema.ColumnType.Boolean => (n + 7) / 8,
                _ => 8 * n,
            };
        }
        Assert.Equal(expected, numBytes);
    }

    [Fact]
    public void Describes_the_deduplication_the_settings_ran()
    {
        var recipe = SyntheticRelease.Recipe();
        Assert.True(recipe.Dedup.Near);
        Assert.Contains("near duplicates removed by MinHash LSH", _card);
        Assert.DoesNotContain("exact duplicates only", _card);

        var off = SyntheticRelease.Recipe(extra: "dedup:\n  near: false\n  repeated_lines: false");
        Assert.False(off.Dedup.Near);
        Assert.DoesNotContain("MinHash", DatasetCard.DedupSummary(off.Dedup));
        Assert.Contains("exact duplicates", DatasetCard.DedupSummary(off.Dedup));
    }

    [Fact]
    public void Quality_settings_left_unset_show_their_published_default()
    {
        var quality = DatasetCard.Settings(SyntheticRelease.Recipe()).Where(s => s.Key.StartsWith("quality.", StringComparison.Ordinal)).ToList();
        Assert.True(quality.Count > 30, $"{quality.Count} quality settings");
        Assert.All(quality, s => Assert.False(string.IsNullOrWhiteSpace(s.Value), $"{s.Key} has no value"));
        Assert.Contains(("quality.gopher_quality.max_words", "100000 (default)"), quality);
        Assert.Contains("| `quality.gopher_quality.max_words` | 100000 (default) |", _card);
    }

    [Fact]
    public void The_topic_chart_names_topics_and_no_label_is_cut_or_runs_off_the_chart()
    {
        var topics = XDocument.Load(Path.Combine(_release, "assets", "topics.svg")).Root!;
        var labels = topics.Descendants().Where(e => e.Name.LocalName == "text" && (string?)e.Attribute("text-anchor") == "end").ToList();
        Assert.Equal(["economy, business and finance", "politics", "sport"], labels.Select(l => l.Value).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("medtop:", topics.Value);
        Assert.Contains("| politics (medtop:11000000) |", _card);

        // A long rule name, drawn whole, with room for it at a generous 7.5 px per 12 px character.
        const string rule = "quality.gopher_repetition.max_dup10gram_share";
        var chart = XDocument.Parse(SvgBarChart.Render("Documents set aside, by reason", [(rule, 3), ("duplicate", 12)])).Root!;
        var label = chart.Descendants().Single(e => e.Name.LocalName == "text" && e.Value == rule);
        Assert.True(double.Parse((string)label.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture) >= rule.Length * 7.5);
        var bar = chart.Descendants().First(e => e.Name.LocalName == "rect" && (string?)e.Attribute("fill") == "#4e79a7");
        var right = double.Parse((string)bar.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture) + double.Parse((string)bar.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(right + 50 <= double.Parse((string)chart.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
