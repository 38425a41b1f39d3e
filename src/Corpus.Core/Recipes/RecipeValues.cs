namespace Corpus.Core.Recipes;

// Written from the options records (one line per key, in their declaration order); there is no generator:
// RecipeBindingTests.Every_key_reads_its_property_through_the_typed_values holds every key of RecipeKeys to it, so a key
// added to a record without its line here fails that test.

/// <summary>
/// Every recipe key's value read and written in typed code, by the path of its properties (<c>Crawl.MaxPages</c>):
/// the key table (<see cref="RecipeKeys"/>) reads names, defaults and ranges from the records once, and goes through
/// here for values, so neither checking nor binding a recipe invokes a property by reflection (which emits and
/// compiles a stub for each property invoked twice, in every process).
/// </summary>
internal static class RecipeValues
{
    public static object? Get(Recipe r, string path) => path switch
    {
        "Name" => r.Name,
        "Version" => r.Version,
        "License" => r.License,
        "Description" => r.Description,
        "Languages" => r.Languages,
        "Sources.Seeds" => r.Sources?.Seeds,
        "Sources.Sitemaps" => r.Sources?.Sitemaps,
        "Sources.Feeds" => r.Sources?.Feeds,
        "Sources.Warc" => r.Sources?.Warc,
        "Sources.Serve" => r.Sources?.Serve,
        "Crawl.AllowedHosts" => r.Crawl?.AllowedHosts,
        "Crawl.IncludePatterns" => r.Crawl?.IncludePatterns,
        "Crawl.ExcludePatterns" => r.Crawl?.ExcludePatterns,
        "Crawl.UserAgent" => r.Crawl?.UserAgent,
        "Crawl.ContactUrl" => r.Crawl?.ContactUrl,
        "Crawl.MaxPages" => r.Crawl?.MaxPages,
        "Crawl.MaxDepth" => r.Crawl?.MaxDepth,
        "Crawl.Concurrency" => r.Crawl?.Concurrency,
        "Crawl.PerHostConcurrency" => r.Crawl?.PerHostConcurrency,
        "Crawl.MinDelayMs" => r.Crawl?.MinDelayMs,
        "Crawl.MaxCrawlDelaySeconds" => r.Crawl?.MaxCrawlDelaySeconds,
        "Crawl.TimeoutSeconds" => r.Crawl?.TimeoutSeconds,
        "Crawl.ConnectTimeoutSeconds" => r.Crawl?.ConnectTimeoutSeconds,
        "Crawl.Retries" => r.Crawl?.Retries,
        "Crawl.MaxRedirects" => r.Crawl?.MaxRedirects,
        "Crawl.MaxRetryAfterSeconds" => r.Crawl?.MaxRetryAfterSeconds,
        "Crawl.MaxBodyMb" => r.Crawl?.MaxBodyMb,
        "Crawl.MaxDecodedMb" => r.Crawl?.MaxDecodedMb,
        "Crawl.ContentTypes" => r.Crawl?.ContentTypes,
        "Crawl.RobotsSitemaps" => r.Crawl?.RobotsSitemaps,
        "Crawl.RobotsCacheMinutes" => r.Crawl?.RobotsCacheMinutes,
        "Crawl.WorkDir" => r.Crawl?.WorkDir,
        "Crawl.WarcFileMb" => r.Crawl?.WarcFileMb,
        "Crawl.AllowPrivateNetworks" => r.Crawl?.AllowPrivateNetworks,
        "Crawl.Resolve" => r.Crawl?.Resolve,
        "Crawl.Proxy" => r.Crawl?.Proxy,
        "Crawl.RobotsRetryMinutes" => r.Crawl?.RobotsRetryMinutes,
        "Crawl.RobotsGiveUpMinutes" => r.Crawl?.RobotsGiveUpMinutes,
        "Crawl.LinkedFeeds" => r.Crawl?.LinkedFeeds,
        "Quality.MinWords" => r.Quality?.MinWords,
        "Quality.MaxLinkDensity" => r.Quality?.MaxLinkDensity,
        "Quality.GopherQuality.Enabled" => r.Quality?.GopherQuality?.Enabled,
        "Quality.GopherQuality.MinWords" => r.Quality?.GopherQuality?.MinWords,
        "Quality.GopherQuality.MaxWords" => r.Quality?.GopherQuality?.MaxWords,
        "Quality.GopherQuality.MinMeanWordLength" => r.Quality?.GopherQuality?.MinMeanWordLength,
        "Quality.GopherQuality.MaxMeanWordLength" => r.Quality?.GopherQuality?.MaxMeanWordLength,
        "Quality.GopherQuality.MaxSymbolWordRatio" => r.Quality?.GopherQuality?.MaxSymbolWordRatio,
        "Quality.GopherQuality.MaxBulletLinesRatio" => r.Quality?.GopherQuality?.MaxBulletLinesRatio,
        "Quality.GopherQuality.MaxEllipsisLinesRatio" => r.Quality?.GopherQuality?.MaxEllipsisLinesRatio,
        "Quality.GopherQuality.MinAlphaWordsRatio" => r.Quality?.GopherQuality?.MinAlphaWordsRatio,
        "Quality.GopherQuality.MinStopWords" => r.Quality?.GopherQuality?.MinStopWords,
        "Quality.GopherRepetition.Enabled" => r.Quality?.GopherRepetition?.Enabled,
        "Quality.GopherRepetition.MaxDupLineFraction" => r.Quality?.GopherRepetition?.MaxDupLineFraction,
        "Quality.GopherRepetition.MaxDupParagraphFraction" => r.Quality?.GopherRepetition?.MaxDupParagraphFraction,
        "Quality.GopherRepetition.MaxDupLineCharFraction" => r.Quality?.GopherRepetition?.MaxDupLineCharFraction,
        "Quality.GopherRepetition.MaxDupParagraphCharFraction" => r.Quality?.GopherRepetition?.MaxDupParagraphCharFraction,
        "Quality.GopherRepetition.MaxTop2gramShare" => r.Quality?.GopherRepetition?.MaxTop2gramShare,
        "Quality.GopherRepetition.MaxTop3gramShare" => r.Quality?.GopherRepetition?.MaxTop3gramShare,
        "Quality.GopherRepetition.MaxTop4gramShare" => r.Quality?.GopherRepetition?.MaxTop4gramShare,
        "Quality.GopherRepetition.MaxDup5gramShare" => r.Quality?.GopherRepetition?.MaxDup5gramShare,
        "Quality.GopherRepetition.MaxDup6gramShare" => r.Quality?.GopherRepetition?.MaxDup6gramShare,
        "Quality.GopherRepetition.MaxDup7gramShare" => r.Quality?.GopherRepetition?.MaxDup7gramShare,
        "Quality.GopherRepetition.MaxDup8gramShare" => r.Quality?.GopherRepetition?.MaxDup8gramShare,
        "Quality.GopherRepetition.MaxDup9gramShare" => r.Quality?.GopherRepetition?.MaxDup9gramShare,
        "Quality.GopherRepetition.MaxDup10gramShare" => r.Quality?.GopherRepetition?.MaxDup10gramShare,
        "Quality.C4.Enabled" => r.Quality?.C4?.Enabled,
        "Quality.C4.DropJavascriptLines" => r.Quality?.C4?.DropJavascriptLines,
        "Quality.C4.DropPolicyLines" => r.Quality?.C4?.DropPolicyLines,
        "Quality.C4.DropLoremIpsum" => r.Quality?.C4?.DropLoremIpsum,
        "Quality.C4.DropCurlyBracket" => r.Quality?.C4?.DropCurlyBracket,
        "Quality.C4.TerminalPunctuation" => r.Quality?.C4?.TerminalPunctuation,
        "Quality.C4.MinWordsPerLine" => r.Quality?.C4?.MinWordsPerLine,
        "Quality.C4.MinSentences" => r.Quality?.C4?.MinSentences,
        "Quality.Fineweb.Enabled" => r.Quality?.Fineweb?.Enabled,
        "Quality.Fineweb.MinLinePunctRatio" => r.Quality?.Fineweb?.MinLinePunctRatio,
        "Quality.Fineweb.MaxDupLineCharRatio" => r.Quality?.Fineweb?.MaxDupLineCharRatio,
        "Quality.Fineweb.MaxShortLineRatio" => r.Quality?.Fineweb?.MaxShortLineRatio,
        "Quality.Fineweb.ShortLineLength" => r.Quality?.Fineweb?.ShortLineLength,
        "Quality.Pii.Emails" => r.Quality?.Pii?.Emails,
        "Quality.Pii.IpAddresses" => r.Quality?.Pii?.IpAddresses,
        "Quality.Pii.Phones" => r.Quality?.Pii?.Phones,
        "Extraction.Focus" => r.Extraction?.Focus,
        "Dedup.Exact" => r.Dedup?.Exact,
        "Dedup.Near" => r.Dedup?.Near,
        "Dedup.ShingleWords" => r.Dedup?.ShingleWords,
        "Dedup.Bands" => r.Dedup?.Bands,
        "Dedup.Rows" => r.Dedup?.Rows,
        "Dedup.RepeatedLines" => r.Dedup?.RepeatedLines,
        "Dedup.RepeatedLineMinDocs" => r.Dedup?.RepeatedLineMinDocs,
        "Dedup.Tasks" => r.Dedup?.Tasks,
        "Dedup.SpillMb" => r.Dedup?.SpillMb,
        "Annotation.MinLanguageConfidence" => r.Annotation?.MinLanguageConfidence,
        "Annotation.DeclaredLanguageFactor" => r.Annotation?.DeclaredLanguageFactor,
        "Annotation.DomainLanguageFactor" => r.Annotation?.DomainLanguageFactor,
        "Annotation.MixedLanguageShare" => r.Annotation?.MixedLanguageShare,
        "Annotation.TopicModel" => r.Annotation?.TopicModel,
        "Annotation.TopicMinEvidence" => r.Annotation?.TopicMinEvidence,
        "Output.Dir" => r.Output?.Dir,
        "Output.Split" => r.Output?.Split,
        "Output.Compression" => r.Output?.Compression,
        "Output.RowGroupMb" => r.Output?.RowGroupMb,
        "Output.ShardMb" => r.Output?.ShardMb,
        _ => throw new ArgumentException($"'{path}' is not a recipe key's property path.", nameof(path)),
    };

    /// <summary>Sets the key's value on <paramref name="r"/>; a record section is replaced by a copy holding it.</summary>
    public static void Set(Recipe r, string path, object? value)
    {
        switch (path)
        {
            case "Name": r.Name = (string)value!; break;
            case "Version": r.Version = (string)value!; break;
            case "License": r.License = (string)value!; break;
            case "Description": r.Description = (string)value!; break;
            case "Languages": r.Languages = (List<string>)value!; break;
            case "Sources.Seeds": r.Sources.Seeds = (List<string>)value!; break;
            case "Sources.Sitemaps": r.Sources.Sitemaps = (List<string>)value!; break;
            case "Sources.Feeds": r.Sources.Feeds = (List<string>)value!; break;
            case "Sources.Warc": r.Sources.Warc = (List<string>)value!; break;
            case "Sources.Serve": r.Sources.Serve = (List<ServedSite>)value!; break;
            case "Crawl.AllowedHosts": r.Crawl.AllowedHosts = (List<string>)value!; break;
            case "Crawl.IncludePatterns": r.Crawl.IncludePatterns = (List<string>)value!; break;
            case "Crawl.ExcludePatterns": r.Crawl.ExcludePatterns = (List<string>)value!; break;
            case "Crawl.UserAgent": r.Crawl.UserAgent = (string)value!; break;
            case "Crawl.ContactUrl": r.Crawl.ContactUrl = (string)value!; break;
            case "Crawl.MaxPages": r.Crawl.MaxPages = (int)value!; break;
            case "Crawl.MaxDepth": r.Crawl.MaxDepth = (int)value!; break;
            case "Crawl.Concurrency": r.Crawl.Concurrency = (int)value!; break;
            case "Crawl.PerHostConcurrency": r.Crawl.PerHostConcurrency = (int)value!; break;
            case "Crawl.MinDelayMs": r.Crawl.MinDelayMs = (int)value!; break;
            case "Crawl.MaxCrawlDelaySeconds": r.Crawl.MaxCrawlDelaySeconds = (double)value!; break;
            case "Crawl.TimeoutSeconds": r.Crawl.TimeoutSeconds = (double)value!; break;
            case "Crawl.ConnectTimeoutSeconds": r.Crawl.ConnectTimeoutSeconds = (double)value!; break;
            case "Crawl.Retries": r.Crawl.Retries = (int)value!; break;
            case "Crawl.MaxRedirects": r.Crawl.MaxRedirects = (int)value!; break;
            case "Crawl.MaxRetryAfterSeconds": r.Crawl.MaxRetryAfterSeconds = (double)value!; break;
            case "Crawl.MaxBodyMb": r.Crawl.MaxBodyMb = (double)value!; break;
            case "Crawl.MaxDecodedMb": r.Crawl.MaxDecodedMb = (double)value!; break;
            case "Crawl.ContentTypes": r.Crawl.ContentTypes = (List<string>)value!; break;
            case "Crawl.RobotsSitemaps": r.Crawl.RobotsSitemaps = (bool)value!; break;
            case "Crawl.RobotsCacheMinutes": r.Crawl.RobotsCacheMinutes = (double)value!; break;
            case "Crawl.WorkDir": r.Crawl.WorkDir = (string)value!; break;
            case "Crawl.WarcFileMb": r.Crawl.WarcFileMb = (double)value!; break;
            case "Crawl.AllowPrivateNetworks": r.Crawl.AllowPrivateNetworks = (bool)value!; break;
            case "Crawl.Resolve": r.Crawl.Resolve = (Dictionary<string, string>)value!; break;
            case "Crawl.Proxy": r.Crawl.Proxy = (string)value!; break;
            case "Crawl.RobotsRetryMinutes": r.Crawl.RobotsRetryMinutes = (double)value!; break;
            case "Crawl.RobotsGiveUpMinutes": r.Crawl.RobotsGiveUpMinutes = (double)value!; break;
            case "Crawl.LinkedFeeds": r.Crawl.LinkedFeeds = (bool)value!; break;
            case "Quality.MinWords": r.Quality = r.Quality with { MinWords = (int)value! }; break;
            case "Quality.MaxLinkDensity": r.Quality = r.Quality with { MaxLinkDensity = (double)value! }; break;
            case "Quality.GopherQuality.Enabled": r.Quality = r.Quality with { GopherQuality = r.Quality.GopherQuality with { Enabled = (bool)value! } }; break;
            case "Quality.GopherQuality.MinWords": r.Quality = r.Quality with { GopherQuality = r.Quality.GopherQuality with { MinWords = (double)value! } }; break;
            case "Quality.GopherQuality.MaxWords": r.Quality = r.Quality with { GopherQuality = r.Quality.GopherQuality with { MaxWords = (double)value! } }; break;
            case "Quality.GopherQuality.MinMeanWordLength": r.Quality = r.Quality with { GopherQuality = r.Quality.GopherQuality with { MinMeanWordLength = (double)value! } }; break;
            case "Quality.GopherQuality.MaxMeanWordLength": r.Quality = r.Quality with { GopherQuality = r.Quality.GopherQuality with { MaxMeanWordLength = (double)value! } }; break;
            case "Quality.GopherQuality.MaxSymbolWordRatio": r.Quality = r.Quality with { GopherQuality = r.Quality.GopherQuality with { MaxSymbolWordRatio = (double)value! } }; break;
            case "Quality.GopherQuality.MaxBulletLinesRatio": r.Quality = r.Quality with { GopherQuality = r.Quality.GopherQuality with { MaxBulletLinesRatio = (double)value! } }; break;
            case "Quality.GopherQuality.MaxEllipsisLinesRatio": r.Quality = r.Quality with { GopherQuality = r.Quality.GopherQuality with { MaxEllipsisLinesRatio = (double)value! } }; break;
            case "Quality.GopherQuality.MinAlphaWordsRatio": r.Quality = r.Quality with { GopherQuality = r.Quality.GopherQuality with { MinAlphaWordsRatio = (double)value! } }; break;
            case "Quality.GopherQuality.MinStopWords": r.Quality = r.Quality with { GopherQuality = r.Quality.GopherQuality with { MinStopWords = (double)value! } }; break;
            case "Quality.GopherRepetition.Enabled": r.Quality = r.Quality with { GopherRepetition = r.Quality.GopherRepetition with { Enabled = (bool)value! } }; break;
            case "Quality.GopherRepetition.MaxDupLineFraction": r.Quality = r.Quality with { GopherRepetition = r.Quality.GopherRepetition with { MaxDupLineFraction = (double)value! } }; break;
            case "Quality.GopherRepetition.MaxDupParagraphFraction": r.Quality = r.Quality with { GopherRepetition = r.Quality.GopherRepetition with { MaxDupParagraphFraction = (double)value! } }; break;
            case "Quality.GopherRepetition.MaxDupLineCharFraction": r.Quality = r.Quality with { GopherRepetition = r.Quality.GopherRepetition with { MaxDupLineCharFraction = (double)value! } }; break;
            case "Quality.GopherRepetition.MaxDupParagraphCharFraction": r.Quality = r.Quality with { GopherRepetition = r.Quality.GopherRepetition with { MaxDupParagraphCharFraction = (double)value! } }; break;
            case "Quality.GopherRepetition.MaxTop2gramShare": r.Quality = r.Quality with { GopherRepetition = r.Quality.GopherRepetition with { MaxTop2gramShare = (double)value! } }; break;
            case "Quality.GopherRepetition.MaxTop3gramShare": r.Quality = r.Quality with { GopherRepetition = r.Quality.GopherRepetition with { MaxTop3gramShare = (double)value! } }; break;
            case "Quality.GopherRepetition.MaxTop4gramShare": r.Quality = r.Quality with { GopherRepetition = r.Quality.GopherRepetition with { MaxTop4gramShare = (double)value! } }; break;
            case "Quality.GopherRepetition.MaxDup5gramShare": r.Quality = r.Quality with { GopherRepetition = r.Quality.GopherRepetition with { MaxDup5gramShare = (double)value! } }; break;
            case "Quality.GopherRepetition.MaxDup6gramShare": r.Quality = r.Quality with { GopherRepetition = r.Quality.GopherRepetition with { MaxDup6gramShare = (double)value! } }; break;
            case "Quality.GopherRepetition.MaxDup7gramShare": r.Quality = r.Quality with { GopherRepetition = r.Quality.GopherRepetition with { MaxDup7gramShare = (double)value! } }; break;
            case "Quality.GopherRepetition.MaxDup8gramShare": r.Quality = r.Quality with { GopherRepetition = r.Quality.GopherRepetition with { MaxDup8gramShare = (double)value! } }; break;
            case "Quality.GopherRepetition.MaxDup9gramShare": r.Quality = r.Quality with { GopherRepetition = r.Quality.GopherRepetition with { MaxDup9gramShare = (double)value! } }; break;
            case "Quality.GopherRepetition.MaxDup10gramShare": r.Quality = r.Quality with { GopherRepetition = r.Quality.GopherRepetition with { MaxDup10gramShare = (double)value! } }; break;
            case "Quality.C4.Enabled": r.Quality = r.Quality with { C4 = r.Quality.C4 with { Enabled = (bool)value! } }; break;
            case "Quality.C4.DropJavascriptLines": r.Quality = r.Quality with { C4 = r.Quality.C4 with { DropJavascriptLines = (bool)value! } }; break;
            case "Quality.C4.DropPolicyLines": r.Quality = r.Quality with { C4 = r.Quality.C4 with { DropPolicyLines = (bool)value! } }; break;
            case "Quality.C4.DropLoremIpsum": r.Quality = r.Quality with { C4 = r.Quality.C4 with { DropLoremIpsum = (bool)value! } }; break;
            case "Quality.C4.DropCurlyBracket": r.Quality = r.Quality with { C4 = r.Quality.C4 with { DropCurlyBracket = (bool)value! } }; break;
            case "Quality.C4.TerminalPunctuation": r.Quality = r.Quality with { C4 = r.Quality.C4 with { TerminalPunctuation = (bool)value! } }; break;
            case "Quality.C4.MinWordsPerLine": r.Quality = r.Quality with { C4 = r.Quality.C4 with { MinWordsPerLine = (double)value! } }; break;
            case "Quality.C4.MinSentences": r.Quality = r.Quality with { C4 = r.Quality.C4 with { MinSentences = (double)value! } }; break;
            case "Quality.Fineweb.Enabled": r.Quality = r.Quality with { Fineweb = r.Quality.Fineweb with { Enabled = (bool)value! } }; break;
            case "Quality.Fineweb.MinLinePunctRatio": r.Quality = r.Quality with { Fineweb = r.Quality.Fineweb with { MinLinePunctRatio = (double)value! } }; break;
            case "Quality.Fineweb.MaxDupLineCharRatio": r.Quality = r.Quality with { Fineweb = r.Quality.Fineweb with { MaxDupLineCharRatio = (double)value! } }; break;
            case "Quality.Fineweb.MaxShortLineRatio": r.Quality = r.Quality with { Fineweb = r.Quality.Fineweb with { MaxShortLineRatio = (double)value! } }; break;
            case "Quality.Fineweb.ShortLineLength": r.Quality = r.Quality with { Fineweb = r.Quality.Fineweb with { ShortLineLength = (double)value! } }; break;
            case "Quality.Pii.Emails": r.Quality = r.Quality with { Pii = r.Quality.Pii with { Emails = (bool)value! } }; break;
            case "Quality.Pii.IpAddresses": r.Quality = r.Quality with { Pii = r.Quality.Pii with { IpAddresses = (bool)value! } }; break;
            case "Quality.Pii.Phones": r.Quality = r.Quality with { Pii = r.Quality.Pii with { Phones = (bool)value! } }; break;
            case "Extraction.Focus": r.Extraction = r.Extraction with { Focus = (string)value! }; break;
            case "Dedup.Exact": r.Dedup = r.Dedup with { Exact = (bool)value! }; break;
            case "Dedup.Near": r.Dedup = r.Dedup with { Near = (bool)value! }; break;
            case "Dedup.ShingleWords": r.Dedup = r.Dedup with { ShingleWords = (int)value! }; break;
            case "Dedup.Bands": r.Dedup = r.Dedup with { Bands = (int)value! }; break;
            case "Dedup.Rows": r.Dedup = r.Dedup with { Rows = (int)value! }; break;
            case "Dedup.RepeatedLines": r.Dedup = r.Dedup with { RepeatedLines = (bool)value! }; break;
            case "Dedup.RepeatedLineMinDocs": r.Dedup = r.Dedup with { RepeatedLineMinDocs = (int)value! }; break;
            case "Dedup.Tasks": r.Dedup = r.Dedup with { Tasks = (int)value! }; break;
            case "Dedup.SpillMb": r.Dedup = r.Dedup with { SpillMb = (int)value! }; break;
            case "Annotation.MinLanguageConfidence": r.Annotation = r.Annotation with { MinLanguageConfidence = (double)value! }; break;
            case "Annotation.DeclaredLanguageFactor": r.Annotation = r.Annotation with { DeclaredLanguageFactor = (double)value! }; break;
            case "Annotation.DomainLanguageFactor": r.Annotation = r.Annotation with { DomainLanguageFactor = (double)value! }; break;
            case "Annotation.MixedLanguageShare": r.Annotation = r.Annotation with { MixedLanguageShare = (double)value! }; break;
            case "Annotation.TopicModel": r.Annotation = r.Annotation with { TopicModel = (string?)value }; break;
            case "Annotation.TopicMinEvidence": r.Annotation = r.Annotation with { TopicMinEvidence = (double)value! }; break;
            case "Output.Dir": r.Output = r.Output with { Dir = (string)value! }; break;
            case "Output.Split": r.Output = r.Output with { Split = (string)value! }; break;
            case "Output.Compression": r.Output = r.Output with { Compression = (string)value! }; break;
            case "Output.RowGroupMb": r.Output = r.Output with { RowGroupMb = (int)value! }; break;
            case "Output.ShardMb": r.Output = r.Output with { ShardMb = (int)value! }; break;
            default: throw new ArgumentException($"'{path}' is not a recipe key's property path.", nameof(path));
        }
    }
}
