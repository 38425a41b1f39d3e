using Corpus.Core;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;

namespace Corpus.Crawling.Warc;

/// <summary>
/// WARC files as pages. Each <c>response</c> record is a page (its HTTP status decides whether it failed), except
/// the ones Corpus marked as redirect hops or discovery resources (robots.txt, sitemaps, feeds); each Corpus
/// <c>metadata</c> failure note is a failed page with its reason. Requests, revisits, warcinfo and other records
/// are not pages. <see cref="FetchedPage.FetchedAt"/> is the record's WARC-Date, so the same files give the same pages.
/// </summary>
public sealed class WarcPageSource(IReadOnlyList<string> files, long maxBodyBytes = 50L * 1024 * 1024) : IPageSource
{
    public async IAsyncEnumerable<FetchedPage> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            foreach (var record in WarcReader.Read(file))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ToPage(record, maxBodyBytes) is { } page) yield return page;
            }
            await Task.Yield();
        }
    }

    public static FetchedPage? ToPage(WarcRecord record, long maxBodyBytes)
    {
        var target = record.TargetUri;
        if (target is null) return null;
        var role = record[CorpusWarcFields.Role];
        if (role is not (null or "page")) return null;
        var at = record.Date ?? throw new WarcFormatException(record.File ?? "?", record.Offset, "record has no valid WARC-Date.");
        var requested = record[CorpusWarcFields.RequestedUri];
        var url = UrlNormalizer.Normalize(requested ?? target) ?? requested ?? target;
        switch (record.Type)
        {
            case "metadata" when record[CorpusWarcFields.Error] is { } error:
                return new FetchedPage { Url = url, FetchedAt = at, WarcFile = record.File, WarcOffset = record.Offset, Error = error };
            case "response" when (record["Content-Type"] ?? "").StartsWith("application/http", StringComparison.OrdinalIgnoreCase):
                var page = new FetchedPage { Url = url, FinalUrl = target, FetchedAt = at, WarcFile = record.File, WarcOffset = record.Offset };
                HttpResponseBlock http;
                try
                {
                    http = HttpResponseBlock.Parse(record.Block);
                }
                catch (FormatException e)
                {
                    return page with { Error = $"WARC response for {target} is not HTTP: {e.Message}" };
                }
                page = page with { Status = http.Status, ContentType = http.Header("Content-Type") };
                if (http.Status is < 200 or >= 300) return page with { Error = $"HTTP {http.Status} from {target}" };
                try
                {
                    return page with { Body = http.DecodedBody(maxBodyBytes) };
                }
                catch (Exception e) when (e is InvalidDataException or Fetching.BodyTooLargeException)
                {
                    return page with { Error = $"body of {target} could not be decoded: {e.Message}" };
                }
            default:
                return null;
        }
    }

    /// <summary>Expands recipe entries (files, or globs with <c>*</c>/<c>?</c> in the file name) relative to a folder; each must match something.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> entries, Func<string, string> resolve)
    {
        var files = new List<string>();
        foreach (var entry in entries)
        {
            var full = resolve(entry);
            var dir = Path.GetDirectoryName(full)!;
            var pattern = Path.GetFileName(full);
            var matches = pattern.IndexOfAny(['*', '?']) >= 0
                ? (Directory.Exists(dir) ? Directory.GetFiles(dir, pattern).Where(f => f.EndsWith(".warc", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".warc.gz", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList() : [])
                : File.Exists(full) ? [full] : [];
            if (matches.Count == 0) throw new CorpusUserException($"sources.warc: '{entry}' matches no WARC file (looked in {dir}).");
            files.AddRange(matches);
        }
        return files.Distinct(StringComparer.Ordinal).ToList();
    }
}
