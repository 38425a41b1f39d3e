using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Corpus.Core.Jsonl;
using Corpus.Dedup.Staging;

namespace Corpus.Dedup.Jsonl;

/// <summary>
/// Writes verdicts as JSON Lines: the input object with <c>duplicate_of</c>, <c>dup_cluster</c> and, when repeated
/// lines are removed, the cleaned <c>text</c> and <c>repeated_lines_removed</c>. Filter task i writes part i; the
/// merge interleaves the parts back into input order (part i holds rows i, i+N, …).
/// </summary>
/// <remarks>
/// A line read as bytes (<see cref="JsonlLine"/>) is rewritten token by token from a <see cref="Utf8JsonReader"/> to a
/// <see cref="Utf8JsonWriter"/> over one pooled buffer: the same bytes the object tree wrote (names and strings
/// re-escaped by the same encoder, numbers as written, fields replaced in place, new ones appended in the same order),
/// without building the tree. The merge copies the parts' lines as bytes.
/// </remarks>
public static class JsonlDedupOutput
{
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JsonLines.Options.Encoder, Indented = false };

    public static void WritePart(IEnumerable<DedupVerdict> verdicts, DedupOptions options, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            var buffer = new ArrayBufferWriter<byte>(1 << 17);
            foreach (var v in verdicts)
            {
                WriteLine(v, options, buffer);
                if (buffer.WrittenCount >= 1 << 16)
                {
                    stream.Write(buffer.WrittenSpan);
                    buffer.ResetWrittenCount();
                }
            }
            stream.Write(buffer.WrittenSpan);
        }
        File.Move(path + ".tmp", path, overwrite: true);
    }

    [ThreadStatic] private static Utf8JsonWriter? _json;

    /// <summary>One verdict as one line (its object and <c>\n</c>) appended to <paramref name="buffer"/>.</summary>
    public static void WriteLine(DedupVerdict v, DedupOptions options, ArrayBufferWriter<byte> buffer)
    {
        var json = _json ??= new Utf8JsonWriter(buffer, WriterOptions);
        var mark = buffer.WrittenCount;
        var written = false;
        if (v.Input.Payload is JsonlLine line)
        {
            try
            {
                json.Reset(buffer);
                Rewrite(line.Utf8.Span, v, options, json);
                json.Flush();
                written = true;
            }
            catch (Exception e) when (e is InvalidOperationException or JsonException or ArgumentException)
            {
                // Something the token copy does not take as it is (a lone surrogate escape, say): the tree decides.
                json.Reset(buffer);
                Truncate(buffer, mark);
            }
        }
        if (!written) buffer.Write(Encoding.UTF8.GetBytes(ToJson(v, options).ToJsonString(JsonLines.Options)));
        buffer.Write("\n"u8);
    }

    public static JsonObject ToJson(DedupVerdict v, DedupOptions options)
    {
        var obj = v.Input.Payload switch
        {
            JsonObject o => (JsonObject)o.DeepClone(),
            JsonlLine l => (JsonObject)JsonNode.Parse(l.Utf8.Span)!,
            _ => throw new InvalidOperationException("A verdict written as JSON Lines needs its input object."),
        };
        if (options.RepeatedLines)
        {
            obj["text"] = v.Text;
            obj["repeated_lines_removed"] = v.LinesRemoved;
        }
        obj["duplicate_of"] = v.DuplicateOf;
        obj["dup_cluster"] = v.Cluster;
        return obj;
    }

    private static void Rewrite(ReadOnlySpan<byte> line, DedupVerdict v, DedupOptions options, Utf8JsonWriter w)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("not an object");
        w.WriteStartObject();
        bool text = false, removed = false, duplicate = false, cluster = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Top-level names were read unescaped and unrepeated (or the line took the tree way on input).
            if (reader.ValueIsEscaped) throw new JsonException("escaped top-level name");
            var name = reader.ValueSpan;
            w.WritePropertyName(name);
            reader.Read();
            if (options.RepeatedLines && name.SequenceEqual("text"u8)) { w.WriteStringValue(v.Text); text = true; }
            else if (options.RepeatedLines && name.SequenceEqual("repeated_lines_removed"u8)) { w.WriteNumberValue(v.LinesRemoved); removed = true; }
            else if (name.SequenceEqual("duplicate_of"u8)) { StringOrNull(w, v.DuplicateOf); duplicate = true; }
            else if (name.SequenceEqual("dup_cluster"u8)) { StringOrNull(w, v.Cluster); cluster = true; }
            else { Copy(ref reader, w); continue; }
            reader.Skip();
        }
        if (options.RepeatedLines)
        {
            if (!text) w.WriteString("text"u8, v.Text);
            if (!removed) w.WriteNumber("repeated_lines_removed"u8, v.LinesRemoved);
        }
        if (!duplicate) { w.WritePropertyName("duplicate_of"u8); StringOrNull(w, v.DuplicateOf); }
        if (!cluster) { w.WritePropertyName("dup_cluster"u8); StringOrNull(w, v.Cluster); }
        w.WriteEndObject();
    }

    internal static void StringOrNull(Utf8JsonWriter w, string? value)
    {
        if (value is null) w.WriteNullValue(); else w.WriteStringValue(value);
    }

    /// <summary>Copies the value the reader is on (a whole object or array with what it holds) as the tree would write it.</summary>
    internal static void Copy(ref Utf8JsonReader reader, Utf8JsonWriter w)
    {
        var depth = reader.CurrentDepth;
        while (true)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject: w.WriteStartObject(); break;
                case JsonTokenType.EndObject: w.WriteEndObject(); break;
                case JsonTokenType.StartArray: w.WriteStartArray(); break;
                case JsonTokenType.EndArray: w.WriteEndArray(); break;
                case JsonTokenType.PropertyName:
                    if (reader.ValueIsEscaped) w.WritePropertyName(reader.GetString()!); else w.WritePropertyName(reader.ValueSpan);
                    break;
                case JsonTokenType.String:
                    if (reader.ValueIsEscaped) w.WriteStringValue(reader.GetString()); else w.WriteStringValue(reader.ValueSpan);
                    break;
                case JsonTokenType.Number: w.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
                case JsonTokenType.True: w.WriteBooleanValue(true); break;
                case JsonTokenType.False: w.WriteBooleanValue(false); break;
                case JsonTokenType.Null: w.WriteNullValue(); break;
                default: throw new JsonException($"unexpected {reader.TokenType}");
            }
            if (reader.CurrentDepth == depth && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
            if (!reader.Read()) throw new JsonException("truncated value");
        }
    }

    internal static void Truncate(ArrayBufferWriter<byte> buffer, int length)
    {
        if (buffer.WrittenCount == length) return;
        var kept = buffer.WrittenSpan[..length].ToArray();
        buffer.ResetWrittenCount();
        buffer.Write(kept);
    }

    /// <summary>Interleaves the parts into <paramref name="writer"/>; returns the rows written.</summary>
    public static long Merge(WorkLayout layout, int tasks, TextWriter writer)
    {
        var readers = new List<Utf8LineReader>();
        try
        {
            for (var t = 0; t < tasks; t++)
            {
                var path = layout.OutputPart(t);
                if (!File.Exists(path)) throw new Corpus.Core.CorpusUserException($"'{path}' is missing: run the filter stage for every task first.");
                readers.Add(Utf8LineReader.Open(path));
            }
            // The parts are UTF-8 lines ending in \n: copy their bytes when the writer is one over a stream.
            Stream? stream = null;
            if (writer is StreamWriter { Encoding: UTF8Encoding utf8 } sw && utf8.GetPreamble().Length == 0 && sw.NewLine == "\n")
            {
                sw.Flush();
                stream = sw.BaseStream;
            }
            var pending = new ArrayBufferWriter<byte>(1 << 17);
            long rows = 0;
            for (var t = 0; ; t = (t + 1) % tasks)
            {
                if (!readers[t].Next()) break;
                var line = readers[t].Current.Span;
                if (stream is null) writer.WriteLine(Encoding.UTF8.GetString(line));
                else
                {
                    pending.Write(line);
                    pending.Write("\n"u8);
                    if (pending.WrittenCount >= 1 << 16)
                    {
                        stream.Write(pending.WrittenSpan);
                        pending.ResetWrittenCount();
                    }
                }
                rows++;
            }
            if (stream is not null)
            {
                stream.Write(pending.WrittenSpan);
                stream.Flush();
            }
            foreach (var r in readers)
                if (r.Next()) throw new InvalidOperationException("Output parts are uneven: was the input changed between stages?");
            return rows;
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }
    }
}
