using System.Globalization;
using System.Text.Json.Nodes;
using Corpus.Core.Documents;

namespace Corpus.Core.Jsonl;

/// <summary>
/// A <see cref="Document"/> as one JSON Lines object, the shape the stage commands hand each other
/// (<c>extract | filter | dedup | annotate</c>). <c>id</c> and <c>text</c> are required; everything else is read when
/// present. Provenance (<c>url</c>, <c>source_url</c>, <c>domain</c>, <c>fetched_at</c>, <c>warc_file</c>,
/// <c>warc_offset</c>) stays absent when the input has none: nothing is made up, and nothing made up is written.
/// </summary>
public static class DocumentJson
{
    /// <summary>The fields this mapping reads and writes; a command adds its own beside them.</summary>
    public static readonly IReadOnlyList<string> Provenance = ["url", "source_url", "domain", "fetched_at", "warc_file", "warc_offset"];

    public static Document Read(JsonObject obj, string path, long line)
    {
        string? Text(string field) => JsonLines.OptionalString(obj, field, path, line);
        var url = Text("url");
        var domain = Text("domain") ?? (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : null);
        var document = new Document
        {
            Id = JsonLines.RequireString(obj, "id", path, line),
            Url = url,
            SourceUrl = Text("source_url") ?? url,
            Domain = domain,
            FetchedAt = Time(obj, "fetched_at", path, line),
            WarcFile = Text("warc_file"),
            WarcOffset = Integer(obj, "warc_offset", path, line),
            Text = JsonLines.RequireString(obj, "text", path, line),
            Title = Text("title"),
            Author = Text("author"),
            Published = Time(obj, "published", path, line),
            Modified = Time(obj, "modified", path, line),
            Section = Text("section"),
            SiteName = Text("site_name"),
            LanguageDeclared = LanguageTagOf(Text("language_declared")),
            Language = Text("language"),
            PromosRemoved = (int)(Integer(obj, "promos_removed", path, line) ?? 0),
            MojibakeRepairs = (int)(Integer(obj, "mojibake_repairs", path, line) ?? 0),
            PiiEmails = (int)(Integer(obj, "pii_emails", path, line) ?? 0),
            PiiIpAddresses = (int)(Integer(obj, "pii_ip_addresses", path, line) ?? 0),
            PiiPhones = (int)(Integer(obj, "pii_phones", path, line) ?? 0),
        };
        return WithDisposition(document, obj, path, line);
    }

    /// <summary>
    /// The document's record: identity, provenance when known, metadata, text, the cleaning counts and, for a document
    /// that is not kept, <c>disposition</c> with its <c>rule</c>/<c>value</c>, <c>duplicate_of</c> or <c>error</c>.
    /// </summary>
    public static JsonObject Write(Document d)
    {
        var json = new JsonObject { ["id"] = d.Id };
        if (d.Url is not null) json["url"] = d.Url;
        if (d.SourceUrl is not null && d.SourceUrl != d.Url) json["source_url"] = d.SourceUrl;
        if (d.Domain is not null) json["domain"] = d.Domain;
        if (d.FetchedAt is { } fetched) json["fetched_at"] = Format(fetched);
        if (d.WarcFile is not null) json["warc_file"] = d.WarcFile;
        if (d.WarcOffset is { } offset) json["warc_offset"] = offset;
        json["title"] = d.Title;
        json["author"] = d.Author;
        json["published"] = d.Published is { } p ? Format(p) : null;
        json["modified"] = d.Modified is { } m ? Format(m) : null;
        json["section"] = d.Section;
        json["site_name"] = d.SiteName;
        json["language_declared"] = d.LanguageDeclared;
        json["text"] = d.Text;
        json["promos_removed"] = d.PromosRemoved;
        WriteDisposition(json, d);
        return json;
    }

    /// <summary>Sets <c>disposition</c> and its reason on a record (a kept document has neither).</summary>
    public static void WriteDisposition(JsonObject json, Document d)
    {
        foreach (var field in new[] { "disposition", "rule", "value", "error" }) json.Remove(field);
        if (d.IsKept) return;
        json["disposition"] = d.Disposition.ToName();
        switch (d.Disposition)
        {
            case Disposition.Excluded:
                json["rule"] = d.ExclusionRule;
                json["value"] = d.ExclusionValue;
                break;
            case Disposition.Duplicate:
                json["duplicate_of"] = d.DuplicateOf;
                break;
            case Disposition.Failed:
                json["error"] = d.Error;
                break;
        }
    }

    /// <summary>ISO 8601 in UTC, to the tick when the time has a fraction of a second (dedup breaks ties on it).</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A record that says it is not kept: <c>disposition</c> with its reason, an <c>error</c>, or <c>duplicate_of</c>
    /// naming another record.
    /// </summary>
    private static Document WithDisposition(Document d, JsonObject obj, string path, long line)
    {
        string? Text(string field) => JsonLines.OptionalString(obj, field, path, line);
        var disposition = Text("disposition");
        if (Text("error") is { } error && disposition is null or "failed") return d.Fail(error);
        if (Text("duplicate_of") is { } keeper && disposition is null or "duplicate") return d.MarkDuplicateOf(keeper);
        return disposition switch
        {
            null or "kept" => d,
            "excluded" => d.Exclude(Text("rule") ?? throw new CorpusUserException($"{path} line {line}: an excluded record needs 'rule'."), Text("value") ?? ""),
            _ => throw new CorpusUserException($"{path} line {line}: 'disposition' must be kept, excluded, duplicate or failed (or the record must say why with 'error'/'duplicate_of'), not '{disposition}'."),
        };
    }

    private static string? LanguageTagOf(string? declared) => declared is null ? null : Text.LanguageTag.Primary(declared);

    private static DateTimeOffset? Time(JsonObject obj, string field, string path, long line)
    {
        if (JsonLines.OptionalString(obj, field, path, line) is not { } text) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : throw new CorpusUserException($"{path} line {line}: field '{field}' is not an ISO 8601 time ('{text}').");
    }

    private static long? Integer(JsonObject obj, string field, string path, long line) => obj[field] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<long>(out var n) => n,
        JsonValue v when v.TryGetValue<int>(out var n) => n,
        JsonValue v when v.TryGetValue<double>(out var x) && x == Math.Floor(x) => (long)x,
        _ => throw new CorpusUserException($"{path} line {line}: field '{field}' must be a whole number."),
    };
}
