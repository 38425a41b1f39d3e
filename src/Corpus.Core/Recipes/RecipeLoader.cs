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
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

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
        RecipeSyntax.Check(text, fileName);
        Recipe? recipe;
        try
        {
            recipe = Deserializer.Deserialize<Recipe>(text);
        }
        catch (YamlException e)
        {
            throw new RecipeException($"{fileName} line {LineOf(e, text)}: {Describe(e)}", e);
        }
        if (recipe is null)
            throw new RecipeException($"{fileName} is empty.");
        try
        {
            Validate(recipe, text, fileName);
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

    private static void Validate(Recipe recipe, string text, string fileName)
    {
        var lines = KeyLines(text);
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
            if (string.IsNullOrWhiteSpace(site.Host)) Fail("sources.serve", "needs a host for every served folder.");
            if (!Directory.Exists(recipe.ResolvePath(site.Dir)) && recipe.BaseDirectory != ".")
                Fail("sources.serve", $"names folder '{site.Dir}', which does not exist.");
        }
        foreach (var lang in recipe.Languages)
            if (lang.Length != 2) Fail("languages", $"holds '{lang}'; use ISO 639-1 codes such as 'id' or 'en'.");
        if (recipe.Crawl.MaxPages <= 0) Fail("crawl.max_pages", "must be positive.");
        if (recipe.Crawl.Concurrency <= 0) Fail("crawl.concurrency", "must be positive.");
        if (recipe.Crawl.TimeoutSeconds <= 0) Fail("crawl.timeout_seconds", "must be positive.");
        var c = recipe.Crawl;
        if (c.ConnectTimeoutSeconds <= 0) Fail("crawl.connect_timeout_seconds", "must be positive.");
        if (c.PerHostConcurrency <= 0) Fail("crawl.per_host_concurrency", "must be positive.");
        if (c.MinDelayMs < 0) Fail("crawl.min_delay_ms", "must not be negative.");
        if (c.MaxDepth < 0) Fail("crawl.max_depth", "must not be negative.");
        if (c.Retries is < 0 or > 10) Fail("crawl.retries", "must be between 0 and 10.");
        if (c.MaxRedirects is < 0 or > 5) Fail("crawl.max_redirects", "must be between 0 and 5.");
        if (c.MaxBodyMb <= 0) Fail("crawl.max_body_mb", "must be positive.");
        if (c.MaxDecodedMb < c.MaxBodyMb) Fail("crawl.max_decoded_mb", "must be at least crawl.max_body_mb.");
        if (c.WarcFileMb <= 0) Fail("crawl.warc_file_mb", "must be positive.");
        foreach (var (host, target) in c.Resolve)
            if (!(System.Net.IPAddress.TryParse(target.Trim(), out _) || System.Net.IPEndPoint.TryParse(target.Trim(), out _)))
                Fail("crawl.resolve", $"maps '{host}' to '{target}', which is not an IP address (optionally with :port).");
        if (c.Proxy.Length > 0 && !(Uri.TryCreate(c.Proxy, UriKind.Absolute, out var proxy) && proxy.Scheme is "http" or "https"))
            Fail("crawl.proxy", $"is '{c.Proxy}'; give a URL such as http://proxy.example:3128.");
        if (c.RobotsRetryMinutes <= 0 || c.RobotsGiveUpMinutes <= 0) Fail("crawl", "has a non-positive robots_retry_minutes or robots_give_up_minutes.");
        if (c.MaxCrawlDelaySeconds < 0 || c.MaxRetryAfterSeconds < 0 || c.RobotsCacheMinutes <= 0)
            Fail("crawl", "has a negative delay or a non-positive robots_cache_minutes.");
        foreach (var pattern in c.IncludePatterns.Concat(c.ExcludePatterns))
            try { _ = new Regex(pattern); }
            catch (ArgumentException e) { Fail(c.IncludePatterns.Contains(pattern) ? "crawl.include_patterns" : "crawl.exclude_patterns", $"holds '{pattern}', which is not a regular expression: {e.Message}"); }
        foreach (var type in c.ContentTypes)
            if (!type.Contains('/')) Fail("crawl.content_types", $"holds '{type}'; use media types such as 'text/html'.");
        foreach (var warc in s.Warc)
            if (string.IsNullOrWhiteSpace(warc)) Fail("sources.warc", "holds an empty entry.");
        if (recipe.Quality.MinWords < 0) Fail("quality.min_words", "must not be negative.");
        foreach (var (key, value) in QualityThresholds(recipe.Quality))
        {
            if (value is { } v && (double.IsNaN(v) || v < 0)) Fail($"quality.{key}", "must not be negative.");
            if (value > 1 && (key.Contains("ratio") || key.Contains("fraction") || key.Contains("share")))
                Fail($"quality.{key}", "is a fraction and must be between 0 and 1.");
        }
        var d = recipe.Dedup;
        if (d.ShingleWords is < 1 or > 32) Fail("dedup.shingle_words", "must be between 1 and 32.");
        if (d.Bands < 1) Fail("dedup.bands", "must be positive.");
        if (d.Rows < 1) Fail("dedup.rows", "must be positive.");
        if (d.Bands * d.Rows > 1024) Fail("dedup.rows", "bands × rows must be at most 1024 permutations.");
        if (d.RepeatedLineMinDocs < 2) Fail("dedup.repeated_line_min_docs", "must be at least 2.");
        if (d.Tasks is < 1 or > 256) Fail("dedup.tasks", "must be between 1 and 256.");
        if (d.SpillMb < 1) Fail("dedup.spill_mb", "must be positive.");
        if (recipe.Extraction.Focus is not ("precision" or "balanced" or "recall"))
            Fail("extraction.focus", $"must be precision, balanced or recall, not '{recipe.Extraction.Focus}'.");
        var a = recipe.Annotation;
        if (a.MinLanguageConfidence is < 0 or > 1) Fail("annotation.min_language_confidence", "must be between 0 and 1.");
        if (a.DeclaredLanguageFactor < 1) Fail("annotation.declared_language_factor", "must be at least 1.");
        if (a.DomainLanguageFactor < 1) Fail("annotation.domain_language_factor", "must be at least 1.");
        if (a.MixedLanguageShare is <= 0 or > 1) Fail("annotation.mixed_language_share", "must be above 0 and at most 1.");
        if (a.TopicMinEvidence < 0) Fail("annotation.topic_min_evidence", "must not be negative.");
        if (recipe.Output.Compression is not ("zstd" or "snappy" or "gzip" or "none"))
            Fail("output.compression", $"must be zstd, snappy, gzip or none, not '{recipe.Output.Compression}'.");
        if (recipe.Output.RowGroupMb <= 0) Fail("output.row_group_mb", "must be positive.");
        if (recipe.Output.ShardMb < recipe.Output.RowGroupMb) Fail("output.shard_mb", "must be at least output.row_group_mb.");
        if (!SafeName().IsMatch(recipe.Output.Split)) Fail("output.split", "may only hold letters, digits, '-', '_' and '.'.");
    }

    // The quality rule thresholds: counts and fractions, none negative, fractions at most 1.
    private static IEnumerable<(string Key, double? Value)> QualityThresholds(QualitySettings q) =>
    [
        ("gopher_quality.min_words", q.GopherQuality.MinWords), ("gopher_quality.max_words", q.GopherQuality.MaxWords),
        ("gopher_quality.min_mean_word_length", q.GopherQuality.MinMeanWordLength), ("gopher_quality.max_mean_word_length", q.GopherQuality.MaxMeanWordLength),
        ("gopher_quality.max_symbol_word_ratio", q.GopherQuality.MaxSymbolWordRatio), ("gopher_quality.max_bullet_lines_ratio", q.GopherQuality.MaxBulletLinesRatio),
        ("gopher_quality.max_ellipsis_lines_ratio", q.GopherQuality.MaxEllipsisLinesRatio), ("gopher_quality.min_alpha_words_ratio", q.GopherQuality.MinAlphaWordsRatio),
        ("gopher_quality.min_stop_words", q.GopherQuality.MinStopWords),
        ("gopher_repetition.max_dup_line_fraction", q.GopherRepetition.MaxDupLineFraction), ("gopher_repetition.max_dup_paragraph_fraction", q.GopherRepetition.MaxDupParagraphFraction),
        ("gopher_repetition.max_dup_line_char_fraction", q.GopherRepetition.MaxDupLineCharFraction), ("gopher_repetition.max_dup_paragraph_char_fraction", q.GopherRepetition.MaxDupParagraphCharFraction),
        ("gopher_repetition.max_top2gram_share", q.GopherRepetition.MaxTop2gramShare), ("gopher_repetition.max_top3gram_share", q.GopherRepetition.MaxTop3gramShare),
        ("gopher_repetition.max_top4gram_share", q.GopherRepetition.MaxTop4gramShare), ("gopher_repetition.max_dup5gram_share", q.GopherRepetition.MaxDup5gramShare),
        ("gopher_repetition.max_dup6gram_share", q.GopherRepetition.MaxDup6gramShare), ("gopher_repetition.max_dup7gram_share", q.GopherRepetition.MaxDup7gramShare),
        ("gopher_repetition.max_dup8gram_share", q.GopherRepetition.MaxDup8gramShare), ("gopher_repetition.max_dup9gram_share", q.GopherRepetition.MaxDup9gramShare),
        ("gopher_repetition.max_dup10gram_share", q.GopherRepetition.MaxDup10gramShare),
        ("c4.min_words_per_line", q.C4.MinWordsPerLine), ("c4.min_sentences", q.C4.MinSentences),
        ("fineweb.min_line_punct_ratio", q.Fineweb.MinLinePunctRatio), ("fineweb.max_dup_line_char_ratio", q.Fineweb.MaxDupLineCharRatio),
        ("fineweb.max_short_line_ratio", q.Fineweb.MaxShortLineRatio), ("fineweb.short_line_length", q.Fineweb.ShortLineLength),
    ];

    /// <summary>Maps dotted key paths (<c>crawl.max_pages</c>) to the 1-based line they are written on.</summary>
    private static Dictionary<string, long> KeyLines(string text)
    {
        var map = new Dictionary<string, long>();
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0) return map;
        void Walk(YamlNode node, string prefix)
        {
            if (node is not YamlMappingNode mapping) return;
            foreach (var (key, value) in mapping.Children)
            {
                var path = prefix.Length == 0 ? key.ToString() : $"{prefix}.{key}";
                map.TryAdd(path, key.Start.Line);
                Walk(value, path);
            }
        }
        Walk(stream.Documents[0].RootNode, "");
        return map;
    }

    // Recipe names and versions become folder names, so keep them to a safe alphabet.
    [GeneratedRegex(@"^[A-Za-z0-9._-]+$")]
    private static partial Regex SafeName();

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();

    [GeneratedRegex(@"Property '([^']+)' not found")]
    private static partial Regex UnknownProperty();
}
