using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Corpus.Core.Jsonl;

/// <summary>
/// JSON Lines in and out for the stage commands (<c>extract</c>, <c>filter</c>, <c>dedup</c>, <c>annotate</c>).
/// Path <c>-</c> means standard input / output. A malformed line is a user error naming the file and line.
/// </summary>
public static class JsonLines
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Reads objects one by one, with their 1-based line numbers. Blank lines are skipped.</summary>
    public static IEnumerable<(long Line, JsonObject Value)> Read(string path)
    {
        if (path != "-" && !File.Exists(path))
            throw new CorpusUserException($"Input file '{path}' does not exist.");
        using var reader = path == "-" ? new StreamReader(Console.OpenStandardInput(), Encoding.UTF8) : new StreamReader(path, Encoding.UTF8);
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return (number, ParseObject(line, path, number));
        }
    }

    /// <summary>One line as a JSON object, or a user error naming the file and line.</summary>
    public static JsonObject ParseObject(string text, string path, long line)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(text); }
        catch (JsonException e) { throw new CorpusUserException($"{path} line {line}: not valid JSON ({e.Message}).", e); }
        return node as JsonObject ?? throw new CorpusUserException($"{path} line {line}: expected a JSON object.");
    }

    /// <summary>A required string field, or a user error naming the line.</summary>
    public static string RequireString(JsonObject obj, string field, string path, long line) =>
        obj[field] is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new CorpusUserException($"{path} line {line}: field '{field}' is missing or not a string.");

    /// <summary>An optional string field: null when absent, a user error naming the line when it is not a string.</summary>
    public static string? OptionalString(JsonObject obj, string field, string path, long line) => obj[field] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new CorpusUserException($"{path} line {line}: field '{field}' must be a string."),
    };

    public static TextWriter OpenWriter(string? path) =>
        path is null or "-" ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true }
                            : new StreamWriter(path, append: false, new UTF8Encoding(false));

    public static void Write(TextWriter writer, JsonNode value) => writer.WriteLine(value.ToJsonString(Options));
}
