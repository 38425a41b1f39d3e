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

    [Fact]
    public async Task A_folder_without_a_manifest_is_not_a_release()
    {
        var result = await VerifyAsync(_dir.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("manifest.json is missing", result.Error);
    }
}
