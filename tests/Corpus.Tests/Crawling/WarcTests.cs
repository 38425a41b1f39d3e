using System.IO.Compression;
using System.Text;
using Corpus.Crawling.Fetching;
using Corpus.Crawling.Warc;
using Corpus.Tests.Support;

namespace Corpus.Tests.Crawling;

public sealed class WarcTests
{
    // The warcinfo and response examples of the WARC 1.1 specification (annex), typed in by hand with CRLF line ends
    // (so the Content-Length values are those of these bytes, not the printed ones).
    private const string SpecExamples =
        "WARC/1.1\r\n" +
        "WARC-Type: warcinfo\r\n" +
        "WARC-Date: 2006-09-19T17:20:14Z\r\n" +
        "WARC-Record-ID: <urn:uuid:d7ae5c10-e6b3-4d27-967d-34780c58ba39>\r\n" +
        "Content-Type: application/warc-fields\r\n" +
        "Content-Length: 400\r\n" +
        "\r\n" +
        "software: Heritrix 1.12.0 http://crawler.archive.org\r\n" +
        "hostname: crawling017.archive.org\r\n" +
        "ip: 207.241.227.234\r\n" +
        "isPartOf: testcrawl-20050708\r\n" +
        "description: testcrawl with WARC output\r\n" +
        "operator: IA_Admin\r\n" +
        "http-header-user-agent:\r\n" +
        " Mozilla/5.0 (compatible; heritrix/1.4.0 +http://crawler.archive.org)\r\n" +
        "format: WARC file version 1.1\r\n" +
        "conformsTo:\r\n" +
        " http://www.archive.org/documents/WarcFileFormat-1.1.html\r\n" +
        "\r\n\r\n" +
        "WARC/1.1\r\n" +
        "WARC-Type: response\r\n" +
        "WARC-Target-URI: http://www.archive.org/images/logoc.jpg\r\n" +
        "WARC-Date: 2006-09-19T17:20:24Z\r\n" +
        "WARC-Block-Digest: sha1:UZY6ND6CCHXETFVJD2MSS7ZENMWF7KQ2\r\n" +
        "WARC-Payload-Digest: sha1:CCHXETFVJD2MUZY6ND6SS7ZENMWF7KQ2\r\n" +
        "WARC-IP-Address: 207.241.233.58\r\n" +
        "WARC-Record-ID: <urn:uuid:92283950-ef2f-4d72-b224-f54c6ec90bb0>\r\n" +
        "Content-Type: application/http;msgtype=response\r\n" +
        "WARC-Identified-Payload-Type: image/jpeg\r\n" +
        "Content-Length: 58\r\n" +
        "\r\n" +
        "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n" + "0123456789ABC" +
        "\r\n\r\n";

    [Fact]
    public void Base32_digest_matches_the_rfc_4648_vectors()
    {
        Assert.Equal("MZXW6YTBOI======", Base32.Encode("foobar"u8));
        Assert.Equal("MZXW6===", Base32.Encode("foo"u8));
        Assert.Equal("sha1:" + Base32.Encode(System.Security.Cryptography.SHA1.HashData("abc"u8)), Base32.Sha1Digest("abc"u8));
        Assert.Equal(37, Base32.Sha1Digest("abc"u8).Length);
    }

    [Fact]
    public void Reads_the_specification_examples_plain_gzipped_as_one_member_and_as_one_member_per_record()
    {
        using var dir = new TempDir();
        var bytes = Encoding.UTF8.GetBytes(SpecExamples);
        File.WriteAllBytes(dir.File("spec.warc"), bytes);
        var plain = WarcReader.Read(dir.File("spec.warc")).ToList();
        Assert.Equal(["warcinfo", "response"], plain.Select(r => r.Type));
        Assert.Contains("Mozilla/5.0 (compatible; heritrix/1.4.0", Encoding.UTF8.GetString(plain[0].Block.Span));
        Assert.Equal("http://www.archive.org/images/logoc.jpg", plain[1].TargetUri);
        Assert.Equal(new DateTimeOffset(2006, 9, 19, 17, 20, 24, TimeSpan.Zero), plain[1].Date);
        Assert.Equal(0, plain[0].Offset);
        Assert.Equal(SpecExamples.IndexOf("WARC/1.1\r\nWARC-Type: response", StringComparison.Ordinal), plain[1].Offset);
        var http = HttpResponseBlock.Parse(plain[1].Block);
        Assert.Equal(200, http.Status);
        Assert.Equal("0123456789ABC", Encoding.ASCII.GetString(http.Payload.Span));

        File.WriteAllBytes(dir.File("one-member.warc.gz"), Gzip(bytes));
        Assert.Equal(["warcinfo", "response"], WarcReader.Read(dir.File("one-member.warc.gz")).Select(r => r.Type));

        var split = SpecExamples.IndexOf("WARC/1.1\r\nWARC-Type: response", StringComparison.Ordinal);
        var first = Gzip(bytes[..split]);
        File.WriteAllBytes(dir.File("members.warc.gz"), [.. first, .. Gzip(bytes[split..])]);
        var members = WarcReader.Read(dir.File("members.warc.gz")).ToList();
        Assert.Equal([0L, first.Length], members.Select(r => r.Offset));
    }

    [Fact]
    public void A_cut_short_file_is_an_error_with_its_offset_not_a_silent_stop()
    {
        using var dir = new TempDir();
        var bytes = Encoding.UTF8.GetBytes(SpecExamples);
        var split = SpecExamples.IndexOf("WARC/1.1\r\nWARC-Type: response", StringComparison.Ordinal);
        var first = Gzip(bytes[..split]);
        var second = Gzip(bytes[split..]);
        File.WriteAllBytes(dir.File("cut.warc.gz"), [.. first, .. second[..(second.Length / 2)]]);
        foreach (var managed in new[] { false, true })
        {
            var e = Assert.Throws<WarcFormatException>(() => WarcReader.Read(dir.File("cut.warc.gz"), managed).ToList());
            Assert.Contains($"at byte {first.Length}", e.Message);
            Assert.Contains("truncated", e.Message);
        }
    }

    [Fact]
    public void Records_compressed_and_read_through_the_runtimes_zlib_equal_those_of_the_managed_streams()
    {
        Assert.True(NativeZlib.Available, "the runtime's zlib exports should be callable on this runtime");
        using var dir = new TempDir();
        var random = new Random(7);
        var noise = new byte[150_000];
        random.NextBytes(noise);   // incompressible: the deflated member is longer than the record
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"line {i} of a page. ")));
        var records = new List<byte[]>
        {
            WarcRecordBuilder.Serialize([new("WARC-Type", "request"), new("WARC-Target-URI", "http://a.test/")], "GET / HTTP/1.1\r\n\r\n"u8),
            WarcRecordBuilder.Serialize([new("WARC-Type", "resource"), new("WARC-Target-URI", "http://a.test/big")], text),
            WarcRecordBuilder.Serialize([new("WARC-Type", "resource"), new("WARC-Target-URI", "http://a.test/noise")], noise),
            WarcRecordBuilder.Serialize([new("WARC-Type", "metadata"), new("WARC-Target-URI", "http://a.test/x")], "corpus-error: timed out\r\n"u8),
        };
        Assert.True(records[0].Length < WarcMembers.StoredBelow && records[1].Length > 65_536);

        var native = new WarcMembers();
        var managed = new WarcMembers(managed: true);
        foreach (var r in records)
        {
            native.Add(r);
            managed.Add(r);
        }
        // A short record is stored: header, one stored block (5 bytes), the record, CRC-32 and size.
        Assert.Equal(10 + 5 + records[0].Length + 8, native.StartOf(1));
        Assert.True(native.StartOf(2) - native.StartOf(1) < text.Length / 3, "a long text record is deflated");
        File.WriteAllBytes(dir.File("native.warc.gz"), native.Bytes.ToArray());
        File.WriteAllBytes(dir.File("managed.warc.gz"), managed.Bytes.ToArray());

        // Every member is plain gzip to an independent reader (System.IO.Compression reads concatenated members).
        using (var all = new GZipStream(File.OpenRead(dir.File("native.warc.gz")), CompressionMode.Decompress))
        {
            var inflated = new MemoryStream();
            all.CopyTo(inflated);
            Assert.Equal(records.SelectMany(r => r).ToArray(), inflated.ToArray());
        }
        foreach (var (file, members) in new[] { ("native.warc.gz", native), ("managed.warc.gz", managed) })
            foreach (var managedInflater in new[] { false, true })
            {
                var read = WarcReader.Read(dir.File(file), managedInflater).ToList();
                Assert.Equal(["request", "resource", "resource", "metadata"], read.Select(r => r.Type));
                Assert.Equal(Enumerable.Range(0, 4).Select(i => (long)members.StartOf(i)), read.Select(r => r.Offset));
                Assert.Equal(text, read[1].Block.ToArray());
                Assert.Equal(noise, read[2].Block.ToArray());
                Assert.Equal("http://a.test/noise", WarcReader.ReadAt(dir.File(file), members.StartOf(2))!.TargetUri);
            }
    }

    [Fact]
    public void A_record_deflated_after_another_by_the_same_compressor_is_a_gzip_member_of_its_own()
    {
        // The same text twice: had the compressor kept its history, the second member would refer back into the first.
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 400).Select(i => $"sentence {i % 7} of a page. ")));
        var record = WarcRecordBuilder.Serialize([new("WARC-Type", "resource"), new("WARC-Target-URI", "http://a.test/")], text);
        var members = new WarcMembers();
        members.Add(record);
        members.Add(record);
        var bytes = members.Bytes.ToArray();
        Assert.Equal(members.StartOf(1) * 2, bytes.Length);
        for (var i = 0; i < 2; i++)
        {
            var start = members.StartOf(i);
            var one = new MemoryStream();
            // Read one member only: a standalone gzip stream of exactly its bytes.
            using (var alone = new GZipStream(new MemoryStream(bytes[start..(start + members.StartOf(1))]), CompressionMode.Decompress)) alone.CopyTo(one);
            Assert.Equal(record, one.ToArray());
            Assert.True(members.StartOf(1) < record.Length / 3, "the record is deflated, not stored");
        }
    }

    [Fact]
    public void Writer_puts_warcinfo_first_one_member_per_record_rotates_and_digests_the_payload()
    {
        using var dir = new TempDir();
        var writer = new WarcWriter(dir.Path, "t", maxBytes: 2000, "Corpus/test");
        var exchanges = Enumerable.Range(0, 6).Select(i => new Exchange
        {
            Url = new Uri($"http://a.test/{i}.html"), At = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddSeconds(i),
            RequestHead = Encoding.ASCII.GetBytes($"GET /{i}.html HTTP/1.1\r\nHost: a.test\r\n\r\n"),
            ResponseHead = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"u8.ToArray(),
            Payload = Encoding.UTF8.GetBytes($"<p>page {i} " + new string('x', 900 + i) + "</p>"), Status = 200,
            Address = System.Net.IPAddress.Loopback,
        }).ToList();
        var positions = new List<WarcPosition>();
        foreach (var x in exchanges)
        {
            var (request, response) = ExchangeRecords.Pair(x, null, null);
            positions.Add(writer.Append([request, response])[1]);
        }
        writer.Close();
        var files = Directory.GetFiles(dir.Path, "*.warc.gz").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 1, "files should rotate past maxBytes");
        Assert.Empty(Directory.GetFiles(dir.Path, "*.open"));
        var records = files.SelectMany(WarcReader.Read).ToList();
        foreach (var file in files) Assert.Equal("warcinfo", WarcReader.Read(file).First().Type);
        var responses = records.Where(r => r.Type == "response").ToList();
        Assert.Equal(positions.Select(p => (p.File, p.Offset)), responses.Select(r => (r.File!, r.Offset)));
        for (var i = 0; i < responses.Count; i++)
        {
            var r = responses[i];
            var request = records.Single(q => q.Type == "request" && q["WARC-Concurrent-To"] == r["WARC-Record-ID"]);
            Assert.Equal(r.TargetUri, request.TargetUri);
            Assert.Equal("127.0.0.1", r["WARC-IP-Address"]);
            Assert.Equal(exchanges[i].At, r.Date);
            Assert.Equal(Base32.Sha1Digest(HttpResponseBlock.Parse(r.Block).Payload.Span), r["WARC-Payload-Digest"]);
            Assert.Equal(Base32.Sha1Digest(r.Block.Span), r["WARC-Block-Digest"]);
        }
        // One gzip member per record: each response offset starts a gzip member that holds exactly that record.
        var bytes = File.ReadAllBytes(responses[0].File is { } f ? Path.Combine(dir.Path, f) : "");
        Assert.Equal(0x1f, bytes[responses[0].Offset]);
        using var member = new GZipStream(new MemoryStream(bytes, (int)responses[0].Offset, bytes.Length - (int)responses[0].Offset), CompressionMode.Decompress);
        Assert.StartsWith("WARC/1.1\r\nWARC-Type: response", new StreamReader(member).ReadToEnd());
    }

    [Fact]
    public void A_response_records_Content_Language_header_reaches_the_page_as_language_evidence()
    {
        var head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Language: de-AT, en\r\n\r\n";
        var record = new WarcRecord
        {
            Headers =
            [
                new("WARC-Type", "response"), new("WARC-Target-URI", "http://a.test/x"),
                new("WARC-Date", "2026-01-02T03:04:05Z"), new("Content-Type", "application/http; msgtype=response"),
            ],
            Block = System.Text.Encoding.UTF8.GetBytes(head + "<html><body><p>Hallo</p></body></html>"),
        };
        var page = WarcPageSource.ToPage(record, 1 << 20)!;
        Assert.Null(page.Error);
        Assert.Equal("de-AT, en", page.ContentLanguage);

        var without = new WarcRecord { Headers = record.Headers, Block = System.Text.Encoding.UTF8.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>") };
        Assert.Null(WarcPageSource.ToPage(without, 1 << 20)!.ContentLanguage);
    }

    [Fact]
    public void Recover_cuts_an_open_file_back_to_its_committed_length_so_a_killed_writer_leaves_no_torn_record()
    {
        using var dir = new TempDir();
        var writer = new WarcWriter(dir.Path, "t", 1 << 30, "Corpus/test");
        var failure = ExchangeRecords.Failure("http://a.test/x", "timed out", 3, DateTimeOffset.UnixEpoch, null);
        writer.Append([failure]);
        var committed = writer.Current!.Value;
        writer.Append([failure]);
        var open = Directory.GetFiles(dir.Path, "*.open").Single();
        // A kill mid-write: half a gzip member at the end.
        var tail = File.ReadAllBytes(open)[(int)committed.Length..];
        File.WriteAllBytes(open, [.. File.ReadAllBytes(open)[..(int)committed.Length], .. tail[..(tail.Length / 2)]]);
        // The process is gone; nothing of the old writer is used again.
        GC.KeepAlive(writer);
        WarcWriter.Recover(dir.Path, name => name == committed.File ? committed.Length : null);

        var file = Directory.GetFiles(dir.Path, "*.warc.gz").Single();
        Assert.Equal(committed.Length, new FileInfo(file).Length);
        Assert.Equal(["warcinfo", "metadata"], WarcReader.Read(file).Select(r => r.Type));
        var page = WarcPageSource.ToPage(WarcReader.Read(file).Last(), 1 << 20)!;
        Assert.Equal("timed out", page.Error);
        Assert.Equal(DateTimeOffset.UnixEpoch, page.FetchedAt);
    }

    [Fact]
    public void Content_encoding_is_undone_on_read_and_a_chunked_record_is_dechunked()
    {
        var html = "<p>hello</p>"u8.ToArray();
        var gz = Gzip(html);
        var block = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n").Concat(gz).ToArray();
        Assert.Equal(html, HttpResponseBlock.Parse(block).DecodedBody(1 << 20).ToArray());
        var chunked = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>he\r\n7\r\nllo</p>\r\n0\r\n\r\n");
        Assert.Equal(html, HttpResponseBlock.Parse(chunked).DecodedBody(1 << 20).ToArray());
        Assert.Throws<BodyTooLargeException>(() => ContentDecoder.Decode(Gzip(new byte[100_000]), "gzip", 10_000));
    }

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(data);
        return output.ToArray();
    }

    [Theory]
    [InlineData("2026-11-30T08:31:19.1234567+00:00")]
    [InlineData("2026-01-02T03:04:05.0000009+00:00")]
    [InlineData("0999-12-31T23:59:59.9999999+00:00")]
    [InlineData("2026-06-30T23:30:00.5+02:00")]
    public void Warc_dates_are_utc_iso_8601_to_the_microsecond_as_the_custom_format_writes_them(string at)
    {
        var time = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            WarcRecordBuilder.FormatDate(time));
    }

    [Fact]
    public void Record_ids_are_distinct_version_4_uuids_in_urn_form()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => WarcRecordBuilder.NewRecordId()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var id in ids)
        {
            Assert.Matches("^<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>$", id);
            Assert.Equal(4, Guid.Parse(id[10..^1]).Version);
        }
    }
}
