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
}
