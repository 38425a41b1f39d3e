using System.Globalization;
using System.Text;
using Corpus.Crawling.Fetching;

namespace Corpus.Crawling.Warc;

/// <summary>Turns what the fetcher saw into WARC records: request/response pairs, revisits and failure notes.</summary>
public static class ExchangeRecords
{
    /// <summary>The request record (first) and the response record (second) of one exchange.</summary>
    public static (byte[] Request, byte[] Response) Pair(Exchange x, string? role, string? requestedUri)
    {
        var (request, response) = PairFields(x, role, requestedUri);
        return (WarcRecordBuilder.Serialize(request, x.RequestHead), WarcRecordBuilder.Serialize(response, x.ResponseHead, x.Payload));
    }

    /// <summary>The request record then the response record of one exchange, compressed straight into <paramref name="members"/>.</summary>
    public static void Pair(Exchange x, string? role, string? requestedUri, WarcMembers members)
    {
        var (request, response) = PairFields(x, role, requestedUri);
        WarcRecordBuilder.Serialize(request, x.RequestHead, default, members);
        WarcRecordBuilder.Serialize(response, x.ResponseHead, x.Payload, members);
    }

    private static (List<KeyValuePair<string, string>> Request, List<KeyValuePair<string, string>> Response) PairFields(Exchange x, string? role, string? requestedUri)
    {
        var responseId = WarcRecordBuilder.NewRecordId();
        var date = WarcRecordBuilder.FormatDate(x.At);
        var address = x.Address?.ToString();
        var response = new List<KeyValuePair<string, string>>(10)
        {
            new("WARC-Type", "response"),
            new("WARC-Record-ID", responseId),
            new("WARC-Date", date),
            new("WARC-Target-URI", x.Url.AbsoluteUri),
            new("Content-Type", "application/http;msgtype=response"),
            new("WARC-Payload-Digest", Base32.Sha1Digest(x.Payload)),
            new("WARC-Block-Digest", Base32.Sha1Digest(x.ResponseHead, x.Payload)),
        };
        if (address is not null) response.Add(new("WARC-IP-Address", address));
        if (role is not null) response.Add(new(CorpusWarcFields.Role, role));
        if (requestedUri is not null && requestedUri != x.Url.AbsoluteUri) response.Add(new(CorpusWarcFields.RequestedUri, requestedUri));
        var request = new List<KeyValuePair<string, string>>(8)
        {
            new("WARC-Type", "request"),
            new("WARC-Record-ID", WarcRecordBuilder.NewRecordId()),
            new("WARC-Date", date),
            new("WARC-Target-URI", x.Url.AbsoluteUri),
            new("WARC-Concurrent-To", responseId),
            new("Content-Type", "application/http;msgtype=request"),
            new("WARC-Block-Digest", Base32.Sha1Digest(x.RequestHead)),
        };
        if (address is not null) request.Add(new("WARC-IP-Address", address));
        return (request, response);
    }

    /// <summary>
    /// A 304 to a conditional request: its request record and a <c>revisit</c> record (server-not-modified profile)
    /// holding the response head, referring to the <paramref name="original"/> response it confirms (WARC 1.1 §6.7.2:
    /// WARC-Refers-To, -Target-URI, -Date and the original's payload digest) so replay tools can resolve it.
    /// </summary>
    public static (byte[] Request, byte[] Revisit) NotModified(Exchange x, WarcRecord? original)
    {
        var revisitId = WarcRecordBuilder.NewRecordId();
        var date = WarcRecordBuilder.FormatDate(x.At);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("WARC-Type", "revisit"),
            new("WARC-Record-ID", revisitId),
            new("WARC-Date", date),
            new("WARC-Target-URI", x.Url.AbsoluteUri),
            new("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/server-not-modified"),
            new("Content-Type", "application/http;msgtype=response"),
            new("WARC-Block-Digest", Base32.Sha1Digest(x.ResponseHead)),
        };
        if (original is not null)
        {
            if (original["WARC-Record-ID"] is { } id) fields.Add(new("WARC-Refers-To", id));
            if (original.TargetUri is { } uri) fields.Add(new("WARC-Refers-To-Target-URI", uri));
            if (original["WARC-Date"] is { } at) fields.Add(new("WARC-Refers-To-Date", at));
            if (original["WARC-Payload-Digest"] is { } digest) fields.Add(new("WARC-Payload-Digest", digest));
        }
        if (x.Address is not null) fields.Add(new("WARC-IP-Address", x.Address.ToString()));
        var request = new List<KeyValuePair<string, string>>
        {
            new("WARC-Type", "request"),
            new("WARC-Record-ID", WarcRecordBuilder.NewRecordId()),
            new("WARC-Date", date),
            new("WARC-Target-URI", x.Url.AbsoluteUri),
            new("WARC-Concurrent-To", revisitId),
            new("Content-Type", "application/http;msgtype=request"),
            new("WARC-Block-Digest", Base32.Sha1Digest(x.RequestHead)),
        };
        if (x.Address is not null) request.Add(new("WARC-IP-Address", x.Address.ToString()));
        return (WarcRecordBuilder.Serialize(request, x.RequestHead), WarcRecordBuilder.Serialize(fields, x.ResponseHead));
    }

    /// <summary>A <c>metadata</c> record saying why a URL ended without a page, so a WARC alone accounts for it.</summary>
    public static byte[] Failure(string url, string error, int attempts, DateTimeOffset at, string? role)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("WARC-Type", "metadata"),
            new("WARC-Record-ID", WarcRecordBuilder.NewRecordId()),
            new("WARC-Date", WarcRecordBuilder.FormatDate(at)),
            new("WARC-Target-URI", url),
            new("Content-Type", "application/warc-fields"),
            new(CorpusWarcFields.Error, error),
        };
        if (role is not null) fields.Add(new(CorpusWarcFields.Role, role));
        var block = Encoding.UTF8.GetBytes($"corpus-error: {error.Replace('\n', ' ')}\r\nattempts: {attempts.ToString(CultureInfo.InvariantCulture)}\r\n");
        return WarcRecordBuilder.Serialize(fields, block);
    }
}
