using Corpus.Core.Recipes;
using Corpus.Parquet.Release;
using Corpus.Tests.Support;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Corpus.Tests.Startup;

/// <summary>
/// The dataset card's settings table is read from the key table instead of serializing the recipe to YAML and reading
/// it back; its rows must be the ones the YAML round trip gave, value for value, for any recipe.
/// </summary>
public sealed class DatasetCardSettingsTests
{
    [Fact]
    public void The_default_and_the_sample_recipe_give_the_rows_the_yaml_round_trip_gave()
    {
        Assert.Equal(RoundTrip(new Recipe()), DatasetCard.Settings(new Recipe()));
        var sample = RecipeLoader.Load(RepoPaths.SampleRecipe);
        Assert.Equal(RoundTrip(sample), DatasetCard.Settings(sample));
    }

    [Theory]
    [InlineData(1e-7)]
    [InlineData(1e21)]
    [InlineData(123456.789)]
    [InlineData(0.30000000000000004)]
    [InlineData(double.MaxValue)]
    [InlineData(double.Epsilon)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-2.5)]
    [InlineData(30.0)]
    public void Numbers_are_written_as_yaml_writes_them(double x)
    {
        var recipe = new Recipe
        {
            Crawl = new CrawlSettings { TimeoutSeconds = x, MaxPages = (int)Math.Clamp(x, int.MinValue, int.MaxValue) },
            Quality = new QualitySettings { GopherQuality = new GopherQualitySettings { MaxWords = x }, MaxLinkDensity = x },
            Annotation = new AnnotationSettings { DeclaredLanguageFactor = x },
        };
        Assert.Equal(RoundTrip(recipe), DatasetCard.Settings(recipe));
    }

    [Fact]
    public void Texts_lists_mappings_and_every_other_value_are_written_as_yaml_writes_them()
    {
        var recipe = new Recipe
        {
            Languages = ["id", "", "a, b", "null", "lone\rreturn", "nel\u0085ls\u2028ps\u2029", "bell\a"],
            Crawl = new CrawlSettings
            {
                UserAgent = "Bot: \"quoted\" 'single' # not a comment",
                ContactUrl = "  leading and trailing  ",
                WorkDir = "line one\nline two\n",
                Proxy = "tab\there\r\nand a return",
                AllowedHosts = ["a.test", "b.test"],
                ContentTypes = [],
                Resolve = new() { ["a.test"] = "127.0.0.1", ["b.test:x"] = "10.0.0.1:8080", ["c\r\n.test"] = "x\ry" },
                RobotsSitemaps = false,
                AllowPrivateNetworks = true,
            },
            Quality = new QualitySettings
            {
                MinWords = 7,
                C4 = new C4Settings { TerminalPunctuation = true, MinSentences = 5 },
                Fineweb = new FineWebSettings { ShortLineLength = 31 },
                Pii = new PiiSettings { Phones = true },
            },
            Extraction = new ExtractionSettings { Focus = "recall" },
            Dedup = new DedupSettings { Near = false, Bands = 20, SpillMb = 1 },
            Annotation = new AnnotationSettings { TopicModel = "keywords", MixedLanguageShare = 0.05 },
            Output = new OutputSettings { Dir = "~", Split = "true", Compression = "none" },
        };
        Assert.Equal(RoundTrip(recipe), DatasetCard.Settings(recipe));
    }

    /// <summary>How the card's settings were made before: the recipe serialized to YAML, read back and flattened.</summary>
    private static List<(string Key, string Value)> RoundTrip(Recipe recipe)
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
}
