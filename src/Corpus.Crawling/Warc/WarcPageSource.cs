using Corpus.Core;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;

namespace Corpus.Crawling.Warc;

/// <summary>
/// WARC files as pages. Each <c>response</c> record is a page (its HTTP status decides whether it failed), except
/// the ones Corpus marked as redirect hops or discovery resources (robots.txt, sitemaps, feeds); each Corpus
/// <c>metadata</c> failure note is a failed page with its reason; a <c>resource</c> record holding HTML or XHTML is a
/// page too. A page whose bytes sniff as something other than text (PDF, image ...) fails with
/// <see cref="Fetching.ContentSniffer.NotHtmlRule"/>. Every other record is counted in <see cref="Records"/> with why
/// it is not a page: requests, warcinfo, a <c>revisit</c> (resolved to its original when that is in the input,
/// else named as unresolved). <see cref="FetchedPage.FetchedAt"/> is the record's WARC-Date, so the same files give
/// the same pages.
/// </summary>
public sealed class WarcPageSource(IReadOnlyList<string> files, long maxBodyBytes = 50L * 1024 * 1024) : IPageSource
{
    /// <summary>How many records of each kind were read and why those that are not pages are not (filled while reading).</summary>
    public WarcRecordTally Records { get; } = new();

    public async IAsyncEnumerable<FetchedPage> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Payload digests and record ids of the responses read so far: what a revisit can resolve to.
        var originals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var record in WarcReader.Read(file))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = ToPage(record, maxBodyBytes);
                if (record.Type == "response")
                {
                    if (record["WARC-Record-ID"] is { } id) originals.Add(id);
                    if (record["WARC-Payload-Digest"] is { } digest) originals.Add(digest);
                }
                if (page is not null)
                {
                    Records.Count(record.Type, null);
                    yield return page;
                }
                else Records.Count(record.Type, WhyNotAPage(record, originals));
            }
            await Task.Yield();
        }
    }

    private static string WhyNotAPage(WarcRecord record, HashSet<string> originals)
    {
        switch (record.Type)
        {
            case "revisit":
                var refersTo = record["WARC-Refers-To"];
                var digest = record["WARC-Payload-Digest"];
                var target = record["WARC-Refers-To-Target-URI"] ?? record.TargetUri;
                return (refersTo is not null && originals.Contains(refersTo)) || (digest is not null && originals.Contains(digest))
                    ? "revisit resolved to its original response, read earlier in the input"
                    : $"revisit whose original ({target}) is not in the input";
            case "response":
                return record[CorpusWarcFields.Role] is { } role ? $"response for {role}" : "response that is not HTTP";
            case "resource":
                return "resource that is not HTML";
            default:
                return $"{(record.Type.Length > 0 ? record.Type : "untyped")} record";
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
            case "resource" when IsHtml(record["Content-Type"]):
                return Sniffed(new FetchedPage
                {
                    Url = url, FinalUrl = target, FetchedAt = at, WarcFile = record.File, WarcOffset = record.Offset,
                    Status = 200, ContentType = record["Content-Type"], Body = record.Block,
                });
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
                page = page with { Status = http.Status, ContentType = http.Header("Content-Type"), ContentLanguage = http.Header("Content-Language") };
                if (http.Status is < 200 or >= 300) return page with { Error = $"HTTP {http.Status} from {target}" };
                try
                {
                    return Sniffed(page with { Body = http.DecodedBody(maxBodyBytes) });
                }
                catch (Exception e) when (e is InvalidDataException or Fetching.BodyTooLargeException)
                {
                    return page with { Error = $"body of {target} could not be decoded: {e.Message}" };
                }
            default:
                return null;
        }
    }

    private static bool IsHtml(string? contentType) =>
        contentType is not null && (contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));

    private static FetchedPage Sniffed(FetchedPage page) =>
        Fetching.ContentSniffer.NotHtml(page.Body.Span) is { } sniffed
            ? page with { Error = Fetching.ContentSniffer.Reason(page.FinalUrl ?? page.Url, sniffed, page.ContentType), Body = default }
            : page;

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

/// <summary>Records read from WARC files: how many of each type, and how many were not pages for each reason.</summary>
public sealed class WarcRecordTally
{
    private readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _skipped = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> ByType => _byType;
    public IReadOnlyDictionary<string, long> Skipped => _skipped;
    public long Total => _byType.Values.Sum();

    internal void Count(string type, string? skippedBecause)
    {
        var key = type.Length > 0 ? type : "untyped";
        _byType[key] = _byType.GetValueOrDefault(key) + 1;
        if (skippedBecause is not null) _skipped[skippedBecause] = _skipped.GetValueOrDefault(skippedBecause) + 1;
    }
}
