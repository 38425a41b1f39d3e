using System.Text.Json.Nodes;
using Corpus.Tests.Support;

namespace Corpus.Tests.EndToEnd;

/// <summary>
/// The stage commands compose: <c>corpus extract WARC | corpus filter --in - | corpus dedup --in - | corpus annotate
/// --in -</c>, run as a real shell pipe of CLI processes over the sample's WARC, keeps the documents <c>corpus build</c>
/// keeps from the same WARC, with the same texts, and accounts for the others the same way. It writes them in its input's
/// order, which sorted by build order is the build's; and its annotations differ from the build's only where this test
/// says, because the chain scores topics after dedup's line removal where the build scores them before it.
/// </summary>
[Trait(TestCategory.Name, TestCategory.EndToEnd)]
public sealed class PipeChainTests
{
    [Fact]
    public async Task Extract_filter_dedup_annotate_over_the_sample_warc_keep_what_the_build_keeps_with_the_same_texts()
    {
        using var dir = new TempDir();
        await SampleCrawl.IntoAsync(dir);
        var recipe = dir.File("corpus.yaml");
        await File.WriteAllTextAsync(recipe, SampleCrawl.BuildRecipe("dedup:\n  exact: true\n"));
        Expect(await CliRunner.RunAsync("build", recipe, "--out", dir.File("releases")), "build");

        var corpus = $"dotnet {Quote(Path.Combine(AppContext.BaseDirectory, "corpus.dll"))}";
        var r = Quote(recipe);
        var script = $"""
            set -euo pipefail
            cd {Quote(dir.Path)}
            {corpus} extract crawl/warc --recipe {r} \
              | {corpus} filter --in - --recipe {r} | tee filtered.jsonl \
              | {corpus} dedup --in - --recipe {r} \
              | {corpus} annotate --in - --recipe {r} > chain.jsonl
            """;
        var (code, output) = await ChildProcess.RunAsync("bash", ["-c", script]);
        Assert.True(code == 0, output);

        var chain = File.ReadAllLines(dir.File("chain.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var kept = chain.Where(o => o["duplicate_of"] is null).ToDictionary(o => (string)o["id"]!);
        var data = DuckDb.Lit(Path.Combine(dir.Path, "releases", "1.0.0", "data", "*.parquet"));
        var rows = DuckDb.Query($"SELECT id, text, url, domain, language, topic, char_count, word_count, token_count FROM read_parquet({data})");
        var built = rows.ToDictionary(row => (string)row["id"]!);

        Assert.True(built.Count > 20, $"the sample's build kept {built.Count} documents");
        Assert.Equal(built.Keys.Order(StringComparer.Ordinal), kept.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, row) in built)
        {
            var record = kept[id];
            Assert.Equal((string)row["text"]!, (string)record["text"]!);
            // Real provenance travels along the chain: the build's URL and host, the fetch time and the WARC record.
            Assert.Equal((string)row["url"]!, (string)record["url"]!);
            Assert.Equal((string)row["domain"]!, (string)record["domain"]!);
            Assert.NotNull((string?)record["fetched_at"]);
            Assert.EndsWith(".warc.gz", (string)record["warc_file"]!);
            Assert.NotNull((string?)record["language"]);
        }

        // Order: the chain keeps its input's (WARC) order; the build writes in build order (id, then source URL), and
        // the chain's kept records in that order are the build's rows in order.
        var chainInBuildOrder = kept.Values.OrderBy(o => (string)o["id"]!, StringComparer.Ordinal)
            .ThenBy(o => (string?)o["source_url"] ?? (string?)o["url"], StringComparer.Ordinal).Select(o => (string)o["id"]!);
        Assert.Equal(rows.Select(row => (string)row["id"]!), chainInBuildOrder);

        // Annotations. The build annotates before dedup; this chain annotates after it. What can differ, and why:
        // - language: the build (and `corpus filter`, at the same point, before the C4 line pass) detects it once; the
        //   chain's `annotate` detects it again on the final text. The filter's language is the build's.
        // - topic: the build scores it before dedup removes repeated lines, the chain after; they are equal wherever no
        //   line was removed.
        // - the counts: both count the final text, so they are always equal.
        var filtered = File.ReadAllLines(dir.File("filtered.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToDictionary(o => (string)o["id"]!);
        var unchanged = 0;
        foreach (var (id, row) in built)
        {
            var record = kept[id];
            Assert.Equal((string)row["language"]!, (string)filtered[id]["language"]!);
            Assert.Equal(Convert.ToInt64(row["char_count"]), (long)record["char_count"]!);
            Assert.Equal(Convert.ToInt64(row["word_count"]), (long)record["word_count"]!);
            Assert.Equal(Convert.ToInt64(row["token_count"]), (long)record["token_count"]!);
            if ((long?)record["repeated_lines_removed"] is null or 0)
            {
                unchanged++;
                Assert.Equal((string?)row["topic"], (string?)record["topic"]);
            }
        }
        Assert.True(unchanged > 0, "no kept document was left without line removal");

        // Nothing is lost: the build's duplicates are the chain's, and what it set aside is in the filter's excluded file.
        var notKept = DuckDb.Lit(Path.Combine(dir.Path, "releases", "1.0.0", "excluded", "*.parquet"));
        var builtDuplicates = DuckDb.Query($"SELECT id, duplicate_of FROM read_parquet({notKept}) WHERE status = 'duplicate'")
            .Select(row => $"{row["id"]} of {row["duplicate_of"]}").Order(StringComparer.Ordinal).ToList();
        var chainDuplicates = chain.Where(o => o["duplicate_of"] is not null).Select(o => $"{o["id"]} of {o["duplicate_of"]}").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(builtDuplicates);
        Assert.Equal(builtDuplicates, chainDuplicates);

        var builtSetAside = DuckDb.Query($"SELECT id, status, rule FROM read_parquet({notKept}) WHERE status <> 'duplicate'")
            .Select(row => $"{row["id"]} {row["status"]} {row["rule"]}").Order(StringComparer.Ordinal).ToList();
        var excluded = File.ReadAllLines(dir.File(Corpus.Cli.Commands.FilterCommand.DefaultExcluded)).Select(l => JsonNode.Parse(l)!.AsObject())
            .Select(o => $"{o["id"]} {o["disposition"]} {o["rule"]}").Order(StringComparer.Ordinal).ToList();
        Assert.Contains(builtSetAside, s => s.Contains(" failed", StringComparison.Ordinal));
        Assert.Contains(builtSetAside, s => s.Contains(" excluded ", StringComparison.Ordinal));
        Assert.Equal(builtSetAside, excluded);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void Expect(CliResult result, string what)
    {
        if (result.ExitCode != 0) throw new InvalidOperationException($"{what} failed: {result.Output}{result.Error}");
    }
}
