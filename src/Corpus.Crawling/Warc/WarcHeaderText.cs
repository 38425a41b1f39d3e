using System.Text;

namespace Corpus.Crawling.Warc;

/// <summary>
/// The header names, versions and values that recur in every WARC (Common Crawl's and ours), decoded once: reading a
/// record looks its name and value bytes up here before allocating a string for them.
/// </summary>
internal static class WarcHeaderText
{
    private static readonly string[] Names =
    [
        "WARC-Type", "WARC-Record-ID", "WARC-Date", "WARC-Target-URI", "Content-Type", "Content-Length",
        "WARC-Payload-Digest", "WARC-Block-Digest", "WARC-IP-Address", "WARC-Concurrent-To", "WARC-Warcinfo-ID",
        "WARC-Filename", "WARC-Profile", "WARC-Refers-To", "WARC-Refers-To-Target-URI", "WARC-Refers-To-Date",
        "WARC-Identified-Payload-Type", "WARC-Truncated", "WARC-Segment-Number", "WARC-Segment-Origin-ID",
        CorpusWarcFields.Role, CorpusWarcFields.RequestedUri, CorpusWarcFields.Error,
    ];

    private static readonly string[] Values =
    [
        "response", "request", "metadata", "resource", "revisit", "warcinfo", "conversion", "continuation",
        "application/http;msgtype=response", "application/http;msgtype=request", "application/http; msgtype=response",
        "application/http; msgtype=request", "application/warc-fields", "text/html", "discovery", "redirect", "page",
        "http://netpreserve.org/warc/1.1/revisit/server-not-modified", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest",
        "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest",
    ];

    private static readonly string[] Versions = ["WARC/1.1", "WARC/1.0"];

    private static readonly byte[][] NameBytes = Names.Select(Encoding.ASCII.GetBytes).ToArray();
    private static readonly byte[][] ValueBytes = Values.Select(Encoding.ASCII.GetBytes).ToArray();
    private static readonly byte[][] VersionBytes = Versions.Select(Encoding.ASCII.GetBytes).ToArray();

    public static string Name(ReadOnlySpan<byte> bytes) => Find(bytes, NameBytes, Names);

    public static string Value(ReadOnlySpan<byte> bytes) => bytes.Length > 80 ? Encoding.UTF8.GetString(bytes) : Find(bytes, ValueBytes, Values);

    public static string Version(ReadOnlySpan<byte> bytes) => Find(bytes, VersionBytes, Versions);

    private static string Find(ReadOnlySpan<byte> bytes, byte[][] known, string[] strings)
    {
        for (var i = 0; i < known.Length; i++)
            if (known[i].Length == bytes.Length && bytes.SequenceEqual(known[i])) return strings[i];
        return bytes.Length == 0 ? "" : Encoding.UTF8.GetString(bytes);
    }
}
