using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Corpus.Core;
using Corpus.Core.Jsonl;

namespace Corpus.Dedup.Jsonl;

/// <summary>
/// A JSON Lines corpus as dedup input: each object needs <c>id</c> and <c>text</c>; <c>url</c> (canonical URL, also
/// gives the host), <c>domain</c> (host when there is no URL) and <c>published</c> (ISO 8601) are used when present.
/// Documents without a host are left out of repeated-line counting. Only the slice's own lines are parsed.
/// </summary>
public sealed class JsonlDedupSource(string path) : IDedupSource
{
    public IEnumerable<DedupInput> Slice(int task, int tasks)
    {
        if (!File.Exists(path)) throw new CorpusUserException($"Input file '{path}' does not exist.");
        using var reader = new StreamReader(path, Encoding.UTF8);
        long line = 0;
        long index = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var mine = index % tasks == task;
            if (mine) yield return Parse(text, line, index);
            index++;
        }
    }

    private DedupInput Parse(string text, long line, long index)
    {
        var obj = JsonLines.ParseObject(text, path, line);
        var id = JsonLines.RequireString(obj, "id", path, line);
        var body = JsonLines.RequireString(obj, "text", path, line);
        var url = Optional(obj, "url", line);
        var host = url is not null && Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : Optional(obj, "domain", line) ?? "";
        DateTimeOffset? published = null;
        if (Optional(obj, "published", line) is { } p)
        {
            if (!DateTimeOffset.TryParse(p, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                throw new CorpusUserException($"{path} line {line}: field 'published' is not an ISO 8601 time ('{p}').");
            published = t;
        }
        return new DedupInput(index, id, body, url, host, published, obj);
    }

    private string? Optional(JsonObject obj, string field, long line) => JsonLines.OptionalString(obj, field, path, line);
}
