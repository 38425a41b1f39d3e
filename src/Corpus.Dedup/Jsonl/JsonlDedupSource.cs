using System.Globalization;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Corpus.Core;
using Corpus.Core.Jsonl;
using Corpus.Dedup.Text;

namespace Corpus.Dedup.Jsonl;

/// <summary>
/// A JSON Lines corpus as dedup input: each object needs <c>id</c> and <c>text</c>; <c>url</c> (canonical URL, also
/// gives the host), <c>domain</c> (host when there is no URL) and <c>published</c> (ISO 8601) are used when present.
/// Documents without a host are left out of repeated-line counting. Only the slice's own lines are parsed.
/// </summary>
/// <remarks>
/// Lines are read as UTF-8 bytes (other slices' lines are never decoded) and the five fields are read with a
/// <see cref="Utf8JsonReader"/>, no document tree; the line's bytes travel as the payload (<see cref="JsonlLine"/>)
/// for <see cref="JsonlDedupOutput"/> to rewrite. A line the reader does not take as plainly well-formed (invalid UTF-8,
/// bad JSON, a field of the wrong type, an escaped or repeated top-level name) goes the tree way, which gives the
/// same result or the same error naming the line as before.
/// </remarks>
public sealed class JsonlDedupSource(string path) : IDedupSource
{
    public IEnumerable<DedupInput> Slice(int task, int tasks) => Read(task, tasks, payload: true);

    /// <summary>The slice without the lines' bytes as payloads (no copy of each line for the stages that only hash).</summary>
    public IEnumerable<DedupInput> SliceFields(int task, int tasks) => Read(task, tasks, payload: false);

    private IEnumerable<DedupInput> Read(int task, int tasks, bool payload)
    {
        if (!File.Exists(path)) throw new CorpusUserException($"Input file '{path}' does not exist.");
        using var reader = Utf8LineReader.Open(path);
        long line = 0;
        long index = 0;
        while (reader.Next())
        {
            if (reader.HasForeignByteOrderMark)
            {
                // UTF-16/32 text: decode it whole, line by line, as a StreamReader does.
                foreach (var doc in DecodedSlice(task, tasks)) yield return doc;
                yield break;
            }
            line++;
            var bytes = reader.Current;
            if (IsBlank(bytes.Span)) continue;
            var mine = index % tasks == task;
            if (mine) yield return Parse(bytes.Span, line, index, payload);
            index++;
        }
    }

    /// <summary>What <see cref="ForEachFolded"/> hands over for each document: its fields, and its text folded once.</summary>
    public delegate void FoldedVisitor(long index, string id, string? url, string host, DateTimeOffset? published, FoldedDocument folded);

    /// <summary>
    /// The slice's documents as <see cref="SliceFields"/> reads them, each with its text decoded into one pooled buffer
    /// and folded into <paramref name="folded"/> (no string per text): the hashing stages' way through the input.
    /// </summary>
    public void ForEachFolded(int task, int tasks, FoldedDocument folded, FoldedVisitor visit)
    {
        using var cursor = OpenFolded(task, tasks);
        while (cursor.Next(folded, visit)) { }
    }

    /// <summary>
    /// The slice's documents one at a time, as <see cref="ForEachFolded"/> hands them over, for a stage that wants only
    /// some of them: <see cref="FoldedCursor.Visit"/> skips the lines before the one wanted unparsed.
    /// </summary>
    public FoldedCursor OpenFolded(int task, int tasks) => new(this, task, tasks);

    /// <summary>A forward-only reader of one slice's documents, folded (see <see cref="OpenFolded"/>).</summary>
    public sealed class FoldedCursor : IDisposable
    {
        private readonly JsonlDedupSource _source;
        private readonly int _task;
        private readonly int _tasks;
        private readonly Utf8LineReader? _reader; // a UTF-8 file: its lines as bytes, the slice's own parsed
        private readonly IEnumerator<DedupInput>? _decoded; // a UTF-16 or UTF-32 file: read as text
        private char[]? _text = new char[1 << 16];
        private long _line;
        private long _index;

        internal FoldedCursor(JsonlDedupSource source, int task, int tasks)
        {
            _source = source;
            _task = task;
            _tasks = tasks;
            if (source.IsUtf8) _reader = source.OpenLines();
            else _decoded = source.SliceFields(task, tasks).GetEnumerator();
        }

        /// <summary>Reads, folds and visits the next document of the slice; false at the end.</summary>
        public bool Next(FoldedDocument folded, FoldedVisitor visit) => Visit(-1, folded, visit);

        /// <summary>
        /// Skips to document <paramref name="index"/> (or the next one when -1), folds and visits it; false when the
        /// slice has no such document ahead.
        /// </summary>
        // Every line of the file passes through this loop: compiled optimised at once rather than first as tier-0 code.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Visit(long index, FoldedDocument folded, FoldedVisitor visit)
        {
            if (_decoded is not null)
            {
                while (_decoded.MoveNext())
                {
                    var doc = _decoded.Current;
                    if (index >= 0 && doc.Index < index) continue;
                    if (index >= 0 && doc.Index > index) return false;
                    folded.Fold(doc.Text);
                    visit(doc.Index, doc.Id, doc.Url, doc.Host, doc.Published, folded);
                    return true;
                }
                return false;
            }
            // The lines as RawSlice gives them, read here without an enumerator in between.
            var reader = _reader!;
            while (reader.Next())
            {
                _line++;
                var bytes = reader.Current.Span;
                if (IsBlank(bytes)) continue;
                var at = _index++;
                if (at % _tasks != _task) continue;
                if (index >= 0 && at < index) continue;
                if (index >= 0 && at > index) return false;
                _source.Fold(bytes, _line, at, ref _text, folded, visit);
                return true;
            }
            return false;
        }

        public void Dispose()
        {
            _reader?.Dispose();
            _decoded?.Dispose();
        }
    }

    private Utf8LineReader OpenLines() => Utf8LineReader.Open(path);

    /// <summary>One line's fields read and its text folded, the byte way when the line takes it (else the tree way).</summary>
    private void Fold(ReadOnlySpan<byte> span, long line, long index, ref char[]? text, FoldedDocument folded, FoldedVisitor visit)
    {
        Fields f = default;
        int length;
        var raw = false; // the text folded from the line's bytes, not decoded first
        Range content = default;
        bool read;
        if (Utf8.IsValid(span) && FieldScanner.TryScan(span, !FoldedDocument.FoldsJsonStrings, ref text, out f.Id, out f.Url, out f.Domain, out f.Published,
                out length, out content) is { } scanned)
        {
            read = scanned;
            raw = FoldedDocument.FoldsJsonStrings;
        }
        else read = Fields.TryRead(span, ref text, out f, out length);
        if (read)
        {
            var (host, when) = HostAndTime(line, f.Url, f.Domain, f.Published);
            if (raw) folded.FoldJsonString(span[content]);
            else folded.Fold(text.AsSpan(0, length));
            visit(index, f.Id!, f.Url, host, when, folded);
        }
        else
        {
            var doc = Parse(Encoding.UTF8.GetString(span), line, index);
            folded.Fold(doc.Text);
            visit(doc.Index, doc.Id, doc.Url, doc.Host, doc.Published, folded);
        }
    }

    /// <summary>False when the file is UTF-16 or UTF-32 (begins with such a byte order mark): <see cref="RawSlice"/> cannot read it.</summary>
    public bool IsUtf8
    {
        get
        {
            if (!File.Exists(path)) throw new CorpusUserException($"Input file '{path}' does not exist.");
            using var reader = Utf8LineReader.Open(path);
            reader.Next();
            return !reader.HasForeignByteOrderMark;
        }
    }

    /// <summary>
    /// The slice's lines as bytes, each with its 1-based line number and document index; the bytes are valid until the
    /// next item. Only for UTF-8 files (<see cref="IsUtf8"/>).
    /// </summary>
    public IEnumerable<(ReadOnlyMemory<byte> Bytes, long Line, long Index)> RawSlice(int task, int tasks)
    {
        using var reader = Utf8LineReader.Open(path);
        long line = 0;
        long index = 0;
        while (reader.Next())
        {
            if (reader.HasForeignByteOrderMark) throw new InvalidOperationException("Not a UTF-8 file: read it with Slice.");
            line++;
            var bytes = reader.Current;
            if (IsBlank(bytes.Span)) continue;
            if (index % tasks == task) yield return (bytes, line, index);
            index++;
        }
    }

    /// <summary>One line read as <see cref="Slice"/> reads it (with its bytes as the payload).</summary>
    public DedupInput ParseLine(ReadOnlySpan<byte> bytes, long line, long index) => Parse(bytes, line, index, payload: true);

    private IEnumerable<DedupInput> DecodedSlice(int task, int tasks)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        long line = 0;
        long index = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (index % tasks == task) yield return Parse(text, line, index);
            index++;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        var at = line.IndexOfAnyExcept(" \t\n\v\f\r"u8);
        if (at < 0) return true;
        return line[at] >= 0x80 && string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(line));
    }

    private DedupInput Parse(ReadOnlySpan<byte> bytes, long line, long index, bool payload)
    {
        if (!Fields.TryRead(bytes, out var f)) return Parse(Encoding.UTF8.GetString(bytes), line, index);
        return Input(index, line, f.Id!, f.Text!, f.Url, f.Domain, f.Published, payload ? new JsonlLine(bytes.ToArray()) : null);
    }

    private DedupInput Parse(string text, long line, long index)
    {
        var obj = JsonLines.ParseObject(text, path, line);
        var id = JsonLines.RequireString(obj, "id", path, line);
        var body = JsonLines.RequireString(obj, "text", path, line);
        return Input(index, line, id, body, Optional(obj, "url", line), Optional(obj, "domain", line), Optional(obj, "published", line), obj);
    }

    private DedupInput Input(long index, long line, string id, string body, string? url, string? domain, string? published, object? payload)
    {
        var (host, when) = HostAndTime(line, url, domain, published);
        return new DedupInput(index, id, body, url, host, when, payload);
    }

    private (string Host, DateTimeOffset? Published) HostAndTime(long line, string? url, string? domain, string? published)
    {
        var host = url is not null && Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : domain ?? "";
        DateTimeOffset? when = null;
        if (published is { } p)
        {
            if (!DateTimeOffset.TryParse(p, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                throw new CorpusUserException($"{path} line {line}: field 'published' is not an ISO 8601 time ('{p}').");
            when = t;
        }
        return (host, when);
    }

    private string? Optional(JsonObject obj, string field, long line) => JsonLines.OptionalString(obj, field, path, line);

    /// <summary>The fields dedup reads, straight from the line's bytes.</summary>
    private struct Fields
    {
        public string? Id, Text, Url, Domain, Published;

        /// <summary>False when the line needs the tree way (see the remarks on <see cref="JsonlDedupSource"/>).</summary>
        public static bool TryRead(ReadOnlySpan<byte> line, out Fields fields)
        {
            char[]? none = null;
            return TryRead(line, ref none, out fields, out _);
        }

        /// <summary>
        /// As <see cref="TryRead(ReadOnlySpan{byte}, out Fields)"/>; with a <paramref name="text"/> buffer, the text is
        /// decoded into it (grown when short; <paramref name="textLength"/> characters) instead of into a string.
        /// </summary>
        public static bool TryRead(ReadOnlySpan<byte> line, ref char[]? text, out Fields fields, out int textLength)
        {
            fields = default;
            textLength = 0;
            var hasText = false;
            if (!Utf8.IsValid(line)) return false;
            Span<ulong> names = stackalloc ulong[64];
            var count = 0;
            try
            {
                var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueIsEscaped || count == names.Length) return false;
                    var name = reader.ValueSpan;
                    var hash = XxHash3.HashToUInt64(name);
                    if (names[..count].Contains(hash)) return false;
                    names[count++] = hash;
                    var field = name.SequenceEqual("id"u8) ? 0 : name.SequenceEqual("text"u8) ? 1 : name.SequenceEqual("url"u8) ? 2
                        : name.SequenceEqual("domain"u8) ? 3 : name.SequenceEqual("published"u8) ? 4 : -1;
                    reader.Read();
                    if (field < 0) { reader.Skip(); continue; }
                    if (field == 1 && text is not null)
                    {
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            // UTF-8 never takes fewer bytes than UTF-16 code units, so the value's length in bytes is enough.
                            if (text.Length < reader.ValueSpan.Length) text = new char[reader.ValueSpan.Length * 2];
                            textLength = reader.ValueIsEscaped ? reader.CopyString(text) : Encoding.UTF8.GetChars(reader.ValueSpan, text);
                            hasText = true;
                        }
                        else if (reader.TokenType == JsonTokenType.Null) hasText = false;
                        else return false;
                        continue;
                    }
                    string? value;
                    if (reader.TokenType == JsonTokenType.String) value = reader.GetString();
                    else if (reader.TokenType == JsonTokenType.Null) value = null;
                    else return false;
                    switch (field)
                    {
                        case 0: fields.Id = value; break;
                        case 1: fields.Text = value; break;
                        case 2: fields.Url = value; break;
                        case 3: fields.Domain = value; break;
                        default: fields.Published = value; break;
                    }
                }
                if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return false;
            }
            catch (JsonException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false; // a string the reader cannot transcode (a lone surrogate escape)
            }
            return fields.Id is not null && (text is null ? fields.Text is not null : hasText);
        }
    }
}

/// <summary>One input line's UTF-8 bytes (without its line break): the payload of a document read from JSON Lines.</summary>
public sealed class JsonlLine(byte[] utf8)
{
    public ReadOnlyMemory<byte> Utf8 { get; } = utf8;
}
