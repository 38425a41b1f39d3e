using System.Text.Json;
using Corpus.Tests.Support;

namespace Corpus.Tests.Robustness;

/// <summary>
/// Builds that cannot give a useful release stop with exit 1 and one sentence, before publishing anything: a source
/// that yields nothing is named, zero input documents publish nothing (unless <c>--allow-empty</c>), and an output
/// location that cannot be written is refused before the crawl starts.
/// </summary>
[Trait(TestCategory.Name, TestCategory.EndToEnd)]
public sealed class FailLoudlyBuildTests
{
    /// <summary>A loopback site with a robots.txt and one page, and no sitemap at the URL the recipe names.</summary>
    private static string RecipeWithMissingSitemap(TempDir dir, string extraSitemap = "")
    {
        var site = Directory.CreateDirectory(dir.File("site")).FullName;
        File.WriteAllText(Path.Combine(site, "robots.txt"), "User-agent: *\nAllow: /\n");
        File.WriteAllText(Path.Combine(site, "index.html"), "<html><body><p>home</p></body></html>");
        var recipe = dir.File("corpus.yaml");
        File.WriteAllText(recipe, $"""
            name: empty
            version: 1.0.0
            languages: [en]
            sources:
              serve:
                - dir: site
                  host: empty.test
              sitemaps: [http://empty.test/sitemap.xml{extraSitemap}]
            crawl:
              allowed_hosts: [empty.test]
            """);
        return recipe;
    }

    [Fact]
    public async Task A_build_whose_only_sitemap_is_missing_exits_1_naming_it_and_publishes_nothing()
    {
        using var dir = new TempDir();
        var recipe = RecipeWithMissingSitemap(dir);
        var result = await CliRunner.RunAsync("build", recipe, "--out", dir.File("out"));
        Assert.True(result.ExitCode == 1, result.Output + result.Error);
        Assert.Contains("read no document, so nothing was published", result.Error);
        Assert.Contains("sitemap http://empty.test/sitemap.xml gave no pages (HTTP 404", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(dir.File("out"), "1.0.0")));
        Assert.Empty(Directory.Exists(dir.File("out")) ? Directory.GetFileSystemEntries(dir.File("out")) : []);
    }

    [Fact]
    public async Task With_allow_empty_the_empty_release_is_published_and_its_manifest_names_the_empty_source()
    {
        using var dir = new TempDir();
        var recipe = RecipeWithMissingSitemap(dir);
        var result = await CliRunner.RunAsync("build", recipe, "--out", dir.File("out"), "--allow-empty");
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("source: sitemap http://empty.test/sitemap.xml gave no pages (HTTP 404", result.Output);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("out"), "1.0.0", "manifest.json")));
        var empty = manifest.RootElement.GetProperty("build").GetProperty("empty_sources").EnumerateArray().Single();
        Assert.Equal("sitemap", empty.GetProperty("kind").GetString());
        Assert.Equal("http://empty.test/sitemap.xml", empty.GetProperty("source").GetString());
        Assert.Equal(0, empty.GetProperty("pages").GetInt32());
    }

    [Fact]
    public async Task A_source_outside_the_allowed_hosts_is_named_with_the_reason()
    {
        using var dir = new TempDir();
        var recipe = RecipeWithMissingSitemap(dir, ", http://elsewhere.test/sitemap.xml");
        var result = await CliRunner.RunAsync("build", recipe, "--out", dir.File("out"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("sitemap http://elsewhere.test/sitemap.xml gave no pages (host elsewhere.test is not in crawl.allowed_hosts)", result.Error);
    }

    [Fact]
    public async Task An_out_that_is_a_file_is_refused_before_the_build_starts()
    {
        using var dir = new TempDir();
        var recipe = RecipeWithMissingSitemap(dir);
        File.WriteAllText(dir.File("out"), "not a folder");
        var result = await CliRunner.RunAsync("build", recipe, "--out", dir.File("out"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: --out {dir.File("out")} is a file, not a folder: give a folder (it is created if missing).", result.Error.Trim());
        Assert.DoesNotContain("Building", result.Output);
    }

    [Fact]
    public async Task An_out_whose_parent_is_missing_is_refused_before_the_build_starts()
    {
        using var dir = new TempDir();
        var recipe = RecipeWithMissingSitemap(dir);
        var result = await CliRunner.RunAsync("build", recipe, "--out", Path.Combine(dir.File("missing"), "out"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"its parent folder {dir.File("missing")} does not exist", result.Error);
        Assert.DoesNotContain("Building", result.Output);
        Assert.False(Directory.Exists(dir.File("missing")));
    }

    [SkippableFact]
    public async Task A_read_only_out_is_refused_before_the_build_starts()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "uses Linux permission bits and sysfs");
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDir();
        var recipe = RecipeWithMissingSitemap(dir);
        // Root writes through permission bits, but not into sysfs, which refuses new files to everyone.
        var root = Environment.UserName == "root";
        var readOnly = root ? "/sys" : Directory.CreateDirectory(dir.File("ro")).FullName;
        if (!root) File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var result = await CliRunner.RunAsync("build", recipe, "--out", Path.Combine(readOnly, "releases"));
            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"--out {Path.Combine(readOnly, "releases")} is not writable", result.Error);
            Assert.DoesNotContain("Building", result.Output);
        }
        finally
        {
            if (!root) File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
