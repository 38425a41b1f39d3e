using Corpus.Core.Documents;

namespace Corpus.Parquet.Schema;

/// <summary>
/// The published tables, one place. <c>schemas/&lt;name&gt;/v&lt;version&gt;.json</c> is the snapshot of each, pinned by a test.
/// </summary>
public static class ArticleSchemas
{
    private static DateTime? Utc(DateTimeOffset? t) => t?.UtcDateTime;

    /// <summary>Kept articles: <c>data/{split}-*.parquet</c>.</summary>
    public static TableSchema Articles { get; } = new("articles", "1", [
        new("id", ColumnType.String, false, "Stable document id: first 128 bits of SHA-256 of the canonical URL, hex.", d => d.Id),
        new("url", ColumnType.String, false, "Canonical URL (the page's rel=canonical when present, else the fetched URL), normalised.", d => d.Url),
        new("source_url", ColumnType.String, false, "The URL that was fetched.", d => d.SourceUrl),
        new("domain", ColumnType.String, false, "Host name of the canonical URL.", d => d.Domain, Dictionary: true),
        new("title", ColumnType.String, true, "Headline without the site-name suffix.", d => d.Title),
        new("text", ColumnType.String, false, "Cleaned article body, one paragraph per line (\\n), Unicode NFC.", d => d.Text),
        new("author", ColumnType.String, true, "Author names as the page gives them, joined with '; '.", d => d.Author),
        new("published", ColumnType.Timestamp, true, "Publication time, UTC.", d => Utc(d.Published)),
        new("modified", ColumnType.Timestamp, true, "Last modification time, UTC.", d => Utc(d.Modified)),
        new("section", ColumnType.String, true, "Section the page files itself under (as the site names it).", d => d.Section, Dictionary: true),
        new("site_name", ColumnType.String, true, "Publisher or site name.", d => d.SiteName),
        new("language", ColumnType.String, false, "Detected language, ISO 639-1; 'und' when undetermined.", d => d.Language ?? "und", Dictionary: true),
        new("language_score", ColumnType.Double, false, "Detector confidence for the language, 0..1.", d => d.LanguageScore ?? 0.0),
        new("language_declared", ColumnType.String, true, "Language the page declares (html lang, og:locale), ISO 639-1.", d => d.LanguageDeclared),
        new("topic", ColumnType.String, true, "IPTC Media Topic, top level (medtop:NNNNNNNN).", d => d.Topic, Dictionary: true),
        new("topic_label", ColumnType.String, true, "English label of the topic.", d => d.TopicLabel),
        new("topic_score", ColumnType.Double, true, "Confidence of the topic, 0..1.", d => d.TopicScore),
        new("topic_source", ColumnType.String, true, "Where the topic came from: 'metadata' or 'text'.", d => d.TopicSource),
        new("word_count", ColumnType.Int32, false, "Words in text (runs of letters or digits).", d => d.WordCount),
        new("char_count", ColumnType.Int32, false, "Characters (UTF-16 code units) in text.", d => d.CharCount),
        new("token_count", ColumnType.Int32, true, "Tokens in text under the tokenizer named in the manifest.", d => d.TokenCount),
        new("promos_removed", ColumnType.Int32, false, "In-body promo blocks and lines removed from this article.", d => d.PromosRemoved),
        new("dup_cluster_size", ColumnType.Int32, false, "Documents in this article's duplicate cluster, itself included (1 = unique).", d => d.DupClusterSize),
        new("fetched_at", ColumnType.Timestamp, false, "When the page was fetched, UTC.", d => Utc(d.FetchedAt)),
        new("warc_file", ColumnType.String, true, "WARC file holding the raw response, when archived.", d => d.WarcFile),
        new("warc_offset", ColumnType.Int64, true, "Byte offset of the response record in warc_file.", d => d.WarcOffset),
        new("mojibake_repairs", ColumnType.Int32, false, "Mojibake sequences (UTF-8 read as Windows-1252) repaired in text.", d => d.MojibakeRepairs),
        new("pii_emails", ColumnType.Int32, false, "E-mail addresses masked in text (as email@example.com).", d => d.PiiEmails),
        new("pii_ip_addresses", ColumnType.Int32, false, "Public IPv4/IPv6 addresses masked in text (as 192.0.2.1 / 2001:db8::1).", d => d.PiiIpAddresses),
        new("pii_phones", ColumnType.Int32, false, "Phone numbers masked in text (when quality.pii.phones is on).", d => d.PiiPhones),
        new("dup_cluster", ColumnType.String, true, "Duplicate cluster (the id of its kept document) when this article has copies; null when unique.", d => d.DupCluster),
        new("repeated_lines_removed", ColumnType.Int32, false, "Lines removed because many articles of the same host repeat them (site boilerplate).", d => d.RepeatedLinesRemoved),
        new("language_mixed", ColumnType.Boolean, false, "True when a fifth or more of the text is confidently in a language outside the document's (paragraph-level check).", d => d.LanguageMixed),
        new("topic_2", ColumnType.String, true, "A second IPTC Media Topic, top level, when the evidence supports two.", d => d.Topic2),
        new("line_count", ColumnType.Int32, false, "Non-blank lines in text.", d => d.LineCount),
        new("paragraph_count", ColumnType.Int32, false, "Paragraphs in text (one per line in Corpus's own text).", d => d.ParagraphCount),
    ]);

    /// <summary>Documents that were not kept, each with the reason: <c>excluded/*.parquet</c>.</summary>
    public static TableSchema Excluded { get; } = new("excluded", "1", [
        new("id", ColumnType.String, false, "Document id (see articles.id).", d => d.Id),
        new("url", ColumnType.String, false, "Canonical URL, or the fetched URL when the page never became a document.", d => d.Url),
        new("source_url", ColumnType.String, false, "The URL that was fetched.", d => d.SourceUrl),
        new("domain", ColumnType.String, false, "Host name.", d => d.Domain, Dictionary: true),
        new("status", ColumnType.String, false, "'excluded', 'duplicate' or 'failed'.", d => d.Disposition.ToName(), Dictionary: true),
        new("rule", ColumnType.String, true, "For excluded documents: the rule that excluded it.", d => d.ExclusionRule, Dictionary: true),
        new("value", ColumnType.String, true, "For excluded documents: the value that tripped the rule.", d => d.ExclusionValue),
        new("duplicate_of", ColumnType.String, true, "For duplicates: id of the kept document it duplicates.", d => d.DuplicateOf),
        new("error", ColumnType.String, true, "For failed documents: what went wrong.", d => d.Error),
        new("title", ColumnType.String, true, "Headline, when extracted.", d => d.Title),
        new("text", ColumnType.String, true, "Text as it stood when the document was set aside.", d => d.Disposition == Disposition.Failed ? null : d.Text),
        new("language", ColumnType.String, true, "Detected language, when detection ran.", d => d.Language, Dictionary: true),
        new("word_count", ColumnType.Int32, true, "Words in text, when counted.", d => d.Disposition == Disposition.Failed ? null : Corpus.Core.Text.WordCounter.Count(d.Text)),
        new("published", ColumnType.Timestamp, true, "Publication time, UTC.", d => Utc(d.Published)),
        new("fetched_at", ColumnType.Timestamp, false, "When the page was fetched, UTC.", d => Utc(d.FetchedAt)),
        new("warc_file", ColumnType.String, true, "WARC file holding the raw response, when archived.", d => d.WarcFile),
        new("warc_offset", ColumnType.Int64, true, "Byte offset of the response record in warc_file.", d => d.WarcOffset),
        new("dup_cluster", ColumnType.String, true, "For duplicates: the duplicate cluster (the id of its kept document).", d => d.DupCluster),
    ]);
}
