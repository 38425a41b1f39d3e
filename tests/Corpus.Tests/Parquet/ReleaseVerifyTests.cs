using System.Text.Json.Nodes;
using Corpus.Tests.Support;

namespace Corpus.Tests.Parquet;

/// <summary><c>corpus verify</c> passes on a fresh release and fails, naming the problem, on each kind of damage.</summary>
public sealed class ReleaseVerifyTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<string> ReleaseAsync() => await SyntheticRelease.WriteAsync(_dir.Path, SyntheticRelease.Build(40));

    private static string Shard(string release) => Directory.GetFiles(Path.Combine(release, "data"), "*.parquet").Order(StringComparer.Ordinal).First();

    private static async Task<CliResult> VerifyAsync(string release) => await CliRunner.RunAsync("verify", release);

    [Fact]
    public async Task A_fresh_release_verifies()
    {
        var release = await ReleaseAsync();
        var result = await VerifyAsync(release);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("OK synthetic 1.0.0", result.Output);
        Assert.Contains("38 kept rows", result.Output);
    }

    [Fact]
    public async Task A_flipped_byte_fails_on_the_sha256()
    {
        var release = await ReleaseAsync();
        var shard = Shard(release);
        var bytes = File.ReadAllBytes(shard);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(shard, bytes);

        var result = await VerifyAsync(release);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"data/{Path.GetFileName(shard)} has sha256", result.Error);
    }

    [Fact]
    public async Task A_truncated_shard_fails_on_its_size()
    {
        var release = await ReleaseAsync();
        var shard = Shard(release);
        using (var stream = new FileStream(shard, FileMode.Open)) stream.SetLength(stream.Length - 100);

        var result = await VerifyAsync(release);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"data/{Path.GetFileName(shard)} is ", result.Error);
        Assert.Contains("bytes, manifest.json says", result.Error);
    }

    [Fact]
    public async Task A_deleted_shard_fails_as_missing()
    {
        var release = await ReleaseAsync();
        var shard = Shard(release);
        File.Delete(shard);

        var result = await VerifyAsync(release);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"data/{Path.GetFileName(shard)} is listed in manifest.json but missing", result.Error);
    }

    [Fact]
    public async Task An_edited_manifest_fails_on_the_row_count()
    {
        var release = await ReleaseAsync();
        var path = Path.Combine(release, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        var file = manifest["files"]![0]!;
        file["rows"] = file["rows"]!.GetValue<long>() + 1;
        File.WriteAllText(path, manifest.ToJsonString());

        var result = await VerifyAsync(release);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"holds {file["rows"]!.GetValue<long>() - 1} rows, manifest.json says {file["rows"]}", result.Error);
    }

    [Fact]
    public async Task A_manifest_claiming_another_schema_version_fails_on_the_schema()
    {
        var release = await ReleaseAsync();
        var path = Path.Combine(release, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        manifest["schema_versions"]!["articles"] = "0";
        File.WriteAllText(path, manifest.ToJsonString());

        var result = await VerifyAsync(release);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not match schemas/articles/v0.json", result.Error);
    }

    [Fact]
    public async Task An_unknown_schema_version_is_named()
    {
        var release = await ReleaseAsync();
        var path = Path.Combine(release, "manifest.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"articles\": \"1\"", "\"articles\": \"9\""));

        var result = await VerifyAsync(release);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("schema articles/v9 is not a published schema", result.Error);
    }

    [Fact]
    public async Task A_shard_not_in_the_manifest_fails()
    {
        var release = await ReleaseAsync();
        File.Copy(Shard(release), Path.Combine(release, "data", "train-extra.parquet"));

        var result = await VerifyAsync(release);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("data/train-extra.parquet is not listed in manifest.json", result.Error);
    }

    [Fact]
    public async Task An_edited_dataset_card_fails()
    {
        var release = await ReleaseAsync();
        File.AppendAllText(Path.Combine(release, "README.md"), "\nedited\n");

        var result = await VerifyAsync(release);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("README.md is ", result.Error);
    }

    private static void EditManifest(string release, Action<JsonNode> edit)
    {
        var path = Path.Combine(release, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        edit(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
    }

    private static async Task AssertFailsAsync(string release, string expected)
    {
        var result = await VerifyAsync(release);
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Output}{result.Error}");
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public async Task An_edited_version_fails_against_the_folder_name()
    {
        var release = await ReleaseAsync();
        EditManifest(release, m => m["version"] = "1.0.1");
        await AssertFailsAsync(release, "manifest.json says version 1.0.1, but the release folder is named '1.0.0'");
    }

    [Fact]
    public async Task A_renamed_release_folder_fails()
    {
        var release = await ReleaseAsync();
        var renamed = Path.Combine(_dir.Path, "2.0.0");
        Directory.Move(release, renamed);
        await AssertFailsAsync(renamed, "manifest.json says version 1.0.0, but the release folder is named '2.0.0'");
    }

    [Fact]
    public async Task An_edited_dataset_name_fails_against_the_recipe()
    {
        var release = await ReleaseAsync();
        EditManifest(release, m => m["dataset"] = "someone-else");
        await AssertFailsAsync(release, "manifest.json names the dataset 'someone-else', its recipe 'synthetic'");
    }

    [Fact]
    public async Task An_edited_embedded_recipe_fails_on_its_hash()
    {
        var release = await ReleaseAsync();
        EditManifest(release, m => m["recipe"] = m["recipe"]!.GetValue<string>().Replace("min_words: 50", "min_words: 5"));
        await AssertFailsAsync(release, "the recipe text in manifest.json has sha256");
    }

    [Fact]
    public async Task A_recipe_copy_replaced_with_its_listing_fails_against_the_recipe_hash()
    {
        var release = await ReleaseAsync();
        var copy = Path.Combine(release, "corpus.yaml");
        File.WriteAllText(copy, File.ReadAllText(copy).Replace("min_words: 50", "min_words: 5"));
        var sha = global::Corpus.Parquet.Writing.ParquetTableWriter.Sha256Of(copy);
        EditManifest(release, m =>
        {
            var entry = m["other_files"]!.AsArray().Single(f => f!["path"]!.GetValue<string>() == "corpus.yaml")!;
            entry["sha256"] = sha;
            entry["bytes"] = new FileInfo(copy).Length;
        });
        await AssertFailsAsync(release, $"corpus.yaml has sha256 {sha}, but manifest.json says the release was built from recipe");
    }

    [Fact]
    public async Task An_emptied_other_files_list_fails()
    {
        var release = await ReleaseAsync();
        EditManifest(release, m => m["other_files"] = new JsonArray());
        await AssertFailsAsync(release, "manifest.json does not list README.md");
    }

    [Fact]
    public async Task A_dataset_card_removed_with_its_listing_fails()
    {
        var release = await ReleaseAsync();
        File.Delete(Path.Combine(release, "README.md"));
        EditManifest(release, m =>
        {
            var others = m["other_files"]!.AsArray();
            others.Remove(others.Single(f => f!["path"]!.GetValue<string>() == "README.md"));
        });
        await AssertFailsAsync(release, "manifest.json does not list README.md");
    }

    [Fact]
    public async Task A_stray_file_fails()
    {
        var release = await ReleaseAsync();
        File.WriteAllText(Path.Combine(release, "assets", "notes.txt"), "added later");
        await AssertFailsAsync(release, "assets/notes.txt is not listed in manifest.json");
    }

    [Fact]
    public async Task Edited_counts_by_rule_fail_against_the_excluded_rows()
    {
        var release = await ReleaseAsync();
        EditManifest(release, m =>
        {
            var rules = m["build"]!["excluded_by_rule"]!.AsObject();
            rules.Remove("quality.min_words");
            rules["quality.gopher_repetition"] = 2;
        });
        await AssertFailsAsync(release, "build.excluded_by_rule['quality.gopher_repetition'] is 2 in manifest.json, but the shards hold 0");
    }

    [Fact]
    public async Task Edited_counts_by_language_that_still_add_up_fail_against_the_rows()
    {
        var release = await ReleaseAsync();
        EditManifest(release, m =>
        {
            var languages = m["counts"]!["language"]!.AsObject();
            languages["en"] = languages["en"]!.GetValue<long>() + 1;
            languages["id"] = languages["id"]!.GetValue<long>() - 1;
        });
        await AssertFailsAsync(release, "counts.language['en'] is");
    }

    [Fact]
    public async Task Edited_kept_by_language_fails_against_the_rows()
    {
        var release = await ReleaseAsync();
        EditManifest(release, m => m["build"]!["kept_by_language"]!["ms"] = 99);
        await AssertFailsAsync(release, "build.kept_by_language['ms'] is 99 in manifest.json");
    }

    [Fact]
    public async Task Moved_counts_between_statuses_fail_against_the_rows()
    {
        var release = await ReleaseAsync();
        EditManifest(release, m =>
        {
            m["build"]!["excluded"] = 1;
            m["build"]!["failed"] = 1;
        });
        await AssertFailsAsync(release, "build.excluded is 1 in manifest.json, the excluded shards hold 2 rows with status 'excluded'");
    }

    [Fact]
    public async Task Edited_topic_and_length_counts_fail()
    {
        var release = await ReleaseAsync();
        EditManifest(release, m => m["counts"]!["topic"]!["medtop:99999999"] = 1);
        await AssertFailsAsync(release, "counts.topic['medtop:99999999'] is 1 in manifest.json, but the shards hold 0");
    }

    [Fact]
    public async Task A_folder_without_a_manifest_is_not_a_release()
    {
        var result = await VerifyAsync(_dir.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("manifest.json is missing", result.Error);
    }
}
