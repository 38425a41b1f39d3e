using System.Security.Cryptography;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Corpus.Core.Recipes;

/// <summary>Reads and validates <c>corpus.yaml</c>. Every error names the file, the line and the field.</summary>
public static partial class RecipeLoader
{
    // Built only for a recipe the key table's binding does not take (RecipeBinding): its emitted IL and type
    // converters cost a well-formed recipe's process more than the rest of loading it.
    private static class Reflective
    {
        public static readonly IDeserializer Deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build();
    }

    public static Recipe Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new RecipeException($"Recipe file '{path}' does not exist.");
        var bytes = File.ReadAllBytes(full);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var recipe = Parse(text, full);
        recipe.BaseDirectory = Path.GetDirectoryName(full)!;
        recipe.Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        recipe.Text = text;
        return recipe;
    }

    /// <summary>Parses recipe text; <paramref name="fileName"/> is only used in messages.</summary>
    public static Recipe Parse(string text, string fileName)
    {
        var root = RecipeSyntax.Load(text, fileName);
        var recipe = root is null ? null : RecipeBinding.TryBind(root);
        if (recipe is null)
        {
            try
            {
                recipe = Reflective.Deserializer.Deserialize<Recipe>(text);
            }
            catch (YamlException e)
            {
                throw new RecipeException(Malformed(e, text, fileName) ?? $"{fileName} line {LineOf(e, text)}: {Describe(e)}", e);
            }
        }
        if (recipe is null)
            throw new RecipeException($"{fileName} is empty.");
        try
        {
            Validate(recipe, root, fileName);
        }
        catch (Exception e) when (e is NullReferenceException or ArgumentNullException)
        {
            throw new RecipeException(RecipeSyntax.EmptyValue(text, fileName), e);
        }
        return recipe;
    }

    // YamlDotNet reports an unknown key at the start of its parent mapping; point at the key itself instead.
    private static long LineOf(YamlException e, string text)
    {
        var unknown = UnknownProperty().Match(e.Message);
        if (!unknown.Success) return e.Start.Line;
        try
        {
            var key = unknown.Groups[1].Value;
            var match = KeyLines(text).Where(kv => kv.Key.Split('.')[^1] == key && kv.Value >= e.Start.Line)
                .Select(kv => kv.Value).DefaultIfEmpty(e.Start.Line).Min();
            return match;
        }
        catch (YamlException)
        {
            return e.Start.Line;
        }
    }

    /// <summary>
    /// A value of the wrong type (<c>bands: many</c>): the sentence names the key, the file and line, and what the key
    /// allows, as a value out of range does.
    /// </summary>
    private static string? Malformed(YamlException e, string text, string fileName)
    {
        if (e.InnerException is null || UnknownProperty().IsMatch(e.Message)) return null;
        try
        {
            var lines = KeyLines(text);
            if (RecipeKeys.OnLine(lines, e.Start.Line) is not { } key) return null;
            var raw = ScalarValues(text).GetValueOrDefault(key.Name);
            return $"{fileName} line {e.Start.Line}: '{key.Name}' is '{raw}', but it allows {key.Allowed}.";
        }
        catch (YamlException)
        {
            return null;
        }
    }

    private static string Describe(YamlException e)
    {
        var inner = e.InnerException?.Message;
        var message = e.Message;
        var unknown = UnknownProperty().Match(message);
        if (unknown.Success)
            return $"unknown key '{unknown.Groups[1].Value}'.";
        if (inner is not null)
            return $"{inner.TrimEnd('.')} (wrong type for this key?).";
        return message.TrimEnd('.') + ".";
    }

    private static void Validate(Recipe recipe, YamlNode? root, string fileName)
    {
        var lines = KeyLines(root);
        void Fail(string key, string problem)
        {
            var where = lines.TryGetValue(key, out var line) ? $" line {line}" : "";
            throw new RecipeException($"{fileName}{where}: '{key}' {problem}");
        }

        if (string.IsNullOrWhiteSpace(recipe.Name)) Fail("name", "is required.");
        if (!SafeName().IsMatch(recipe.Name)) Fail("name", "may only hold letters, digits, '-', '_' and '.'.");
        if (!SemVer().IsMatch(recipe.Version)) Fail("version", $"must look like 1.2.3, not '{recipe.Version}'.");
        var s = recipe.Sources;
        if (s.Seeds.Count + s.Sitemaps.Count + s.Feeds.Count + s.Warc.Count == 0)
            Fail("sources", "must name at least one seed, sitemap, feed or WARC file.");
        foreach (var url in s.Seeds.Concat(s.Sitemaps).Concat(s.Feeds))
            if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != "http" && u.Scheme != "https"))
                Fail("sources", $"holds '{url}', which is not an http(s) URL.");
        foreach (var site in s.Serve)
        {
            if (string.IsNullOrWhiteSpace(site.Host)) Fail(Key<SourceSettings>(nameof(SourceSettings.Serve)), "needs a host for every served folder.");
            if (!Directory.Exists(recipe.ResolvePath(site.Dir)) && recipe.BaseDirectory != ".")
                Fail(Key<SourceSettings>(nameof(SourceSettings.Serve)), $"names folder '{site.Dir}', which does not exist.");
        }
        foreach (var lang in recipe.Languages)
            if (lang.Length != 2) Fail("languages", $"holds '{lang}'; use ISO 639-1 codes such as 'id' or 'en'.");
        // Every key's range, from its options record; then what one key's range cannot say.
        RecipeKeys.Check(recipe, fileName, lines);
        var c = recipe.Crawl;
        if (c.MaxDecodedMb < c.MaxBodyMb) Fail(Key<CrawlSettings>(nameof(c.MaxDecodedMb)), $"must be at least {Key<CrawlSettings>(nameof(c.MaxBodyMb))}.");
        foreach (var (host, target) in c.Resolve)
            if (!(System.Net.IPAddress.TryParse(target.Trim(), out _) || System.Net.IPEndPoint.TryParse(target.Trim(), out _)))
                Fail(Key<CrawlSettings>(nameof(c.Resolve)), $"maps '{host}' to '{target}', which is not an IP address (optionally with :port).");
        if (c.Proxy.Length > 0 && !(Uri.TryCreate(c.Proxy, UriKind.Absolute, out var proxy) && proxy.Scheme is "http" or "https"))
            Fail(Key<CrawlSettings>(nameof(c.Proxy)), $"is '{c.Proxy}'; give a URL such as http://proxy.example:3128.");
        foreach (var pattern in c.IncludePatterns.Concat(c.ExcludePatterns))
            try { _ = new Regex(pattern); }
            catch (ArgumentException e) { Fail(Key<CrawlSettings>(c.IncludePatterns.Contains(pattern) ? nameof(c.IncludePatterns) : nameof(c.ExcludePatterns)), $"holds '{pattern}', which is not a regular expression: {e.Message}"); }
        foreach (var type in c.ContentTypes)
            if (!type.Contains('/')) Fail(Key<CrawlSettings>(nameof(c.ContentTypes)), $"holds '{type}'; use media types such as 'text/html'.");
        foreach (var warc in s.Warc)
            if (string.IsNullOrWhiteSpace(warc)) Fail(Key<SourceSettings>(nameof(s.Warc)), "holds an empty entry.");
        var d = recipe.Dedup;
        if (d.Bands * d.Rows > DedupSettings.MaxPermutations) Fail(Key<DedupSettings>(nameof(d.Rows)), $"bands × rows must be at most {DedupSettings.MaxPermutations} permutations.");
        if (recipe.Output.ShardMb < recipe.Output.RowGroupMb)
            Fail(Key<OutputSettings>(nameof(OutputSettings.ShardMb)), $"must be at least {Key<OutputSettings>(nameof(OutputSettings.RowGroupMb))}.");
        if (!SafeName().IsMatch(recipe.Output.Split)) Fail(Key<OutputSettings>(nameof(OutputSettings.Split)), "may only hold letters, digits, '-', '_' and '.'.");
    }

    private static string Key<TSection>(string property) => RecipeKeys.For<TSection>(property).Name;

    /// <summary>Maps dotted key paths (<c>crawl.max_pages</c>) to the 1-based line they are written on.</summary>
    private static Dictionary<string, long> KeyLines(string text) => KeyLines(Root(text));

    private static Dictionary<string, long> KeyLines(YamlNode? root)
    {
        var map = new Dictionary<string, long>();
        if (root is not null)
            foreach (var (path, key, _) in Walk(root, "")) map.TryAdd(path, key.Start.Line);
        return map;
    }

    /// <summary>Maps dotted key paths to the text of their scalar value as written.</summary>
    private static Dictionary<string, string> ScalarValues(string text)
    {
        var map = new Dictionary<string, string>();
        foreach (var (path, _, value) in Keys(text))
            if (value is YamlScalarNode scalar) map.TryAdd(path, scalar.Value ?? "");
        return map;
    }

    /// <summary>Every key of the recipe's mappings, depth first in written order, with its dotted path, its node and its value.</summary>
    private static IEnumerable<(string Path, YamlNode Key, YamlNode Value)> Keys(string text) =>
        Root(text) is { } root ? Walk(root, "") : [];

    private static YamlNode? Root(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static IEnumerable<(string Path, YamlNode Key, YamlNode Value)> Walk(YamlNode node, string prefix)
    {
        if (node is not YamlMappingNode mapping) yield break;
        foreach (var (key, value) in mapping.Children)
        {
            var path = prefix.Length == 0 ? key.ToString() : $"{prefix}.{key}";
            yield return (path, key, value);
            foreach (var inner in Walk(value, path)) yield return inner;
        }
    }

    // Recipe names and versions become folder names, so keep them to a safe alphabet.
    [GeneratedRegex(@"^[A-Za-z0-9._-]+$")]
    private static partial Regex SafeName();

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();

    [GeneratedRegex(@"Property '([^']+)' not found")]
    private static partial Regex UnknownProperty();
}
