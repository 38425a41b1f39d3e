using System.Text.Json.Nodes;
using Corpus.Core.Documents;
using Corpus.Core.Jsonl;

namespace Corpus.Annotation;

/// <summary>
/// One JSON Lines object of <c>corpus annotate</c> as a <see cref="Document"/>: <c>id</c> and <c>text</c> required;
/// <c>title</c>, <c>url</c>, <c>language_declared</c> and <c>section</c> used when present. Works on corpora Corpus did
/// not build, so nothing else is expected.
/// </summary>
public static class AnnotationInput
{
    public static Document ToDocument(JsonObject obj, string path, long line)
    {
        var id = JsonLines.RequireString(obj, "id", path, line);
        var text = JsonLines.RequireString(obj, "text", path, line);
        var url = Optional(obj, "url", path, line);
        var host = url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;
        // No crawl stands behind these lines: what the record does not say stays unknown (null).
        return new Document
        {
            Id = id,
            Url = url,
            SourceUrl = url,
            Domain = host,
            FetchedAt = null,
            Text = text,
            Title = Optional(obj, "title", path, line),
            LanguageDeclared = Optional(obj, "language_declared", path, line) is { } d ? Corpus.Core.Text.LanguageTag.Primary(d) : null,
            Section = Optional(obj, "section", path, line),
        };
    }

    /// <summary>Adds the annotation fields to the input object (its other fields stay as they were).</summary>
    public static JsonObject WithAnnotations(JsonObject obj, Document d)
    {
        obj["language"] = d.Language;
        obj["language_score"] = d.LanguageScore;
        obj["language_mixed"] = d.LanguageMixed;
        obj["topic"] = d.Topic;
        obj["topic_label"] = d.TopicLabel;
        obj["topic_score"] = d.TopicScore;
        obj["topic_source"] = d.TopicSource;
        obj["topic_2"] = d.Topic2;
        obj["char_count"] = d.CharCount;
        obj["word_count"] = d.WordCount;
        obj["line_count"] = d.LineCount;
        obj["paragraph_count"] = d.ParagraphCount;
        obj["token_count"] = d.TokenCount;
        return obj;
    }

    private static string? Optional(JsonObject obj, string field, string path, long line) => JsonLines.OptionalString(obj, field, path, line);

}
