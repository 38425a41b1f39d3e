using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Corpus.Core.Documents;
using Corpus.Core.Pipeline;

namespace Corpus.Pipeline;

/// <summary>
/// Part files of documents between stages: JSON Lines of the whole <see cref="Document"/> record, every field
/// round-tripping exactly (strings, doubles in shortest round-trip form, times with their offset), so a document
/// that crossed a process boundary writes the same Parquet bytes as one that never left memory.
/// Ids are hex, so cutting them by their first 32 bits into N id ranges keeps build order: range 0's documents all
/// sort before range 1's, and the release is the ranges' rows one after the other.
/// </summary>
public static class DocumentParts
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        // Computed properties (IsKept) are not data: leave them out.
        // Metadata generated at compile time (DocumentJson): no reflection or emitted code in a short process.
        TypeInfoResolver = DocumentJson.Default.WithAddedModifier(
            info => { foreach (var p in info.Properties.Where(p => p.Set is null).ToList()) info.Properties.Remove(p); }),
    };

    /// <summary>Which of <paramref name="ranges"/> id ranges a document id falls in.</summary>
    public static int RangeOf(string id, int ranges)
    {
        if (id.Length < 8 || !uint.TryParse(id.AsSpan(0, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var prefix))
            throw new InvalidOperationException($"document id '{id}' is not hex: ids come from DocumentId.FromUrl.");
        return (int)((ulong)prefix * (ulong)ranges >> 32);
    }

    public static string ToLine(Document d) => JsonSerializer.Serialize(d, Json);

    /// <summary><see cref="ToLine"/> as UTF-8 bytes: what <see cref="Write"/> puts in the file for the document, before its newline.</summary>
    public static byte[] ToUtf8(Document d) => JsonSerializer.SerializeToUtf8Bytes(d, Json);

    public static Document FromLine(string line) =>
        JsonSerializer.Deserialize<Document>(line, Json) ?? throw new InvalidDataException("empty document line");

    /// <summary>Writes documents (already in build order) to a new file, flushed to disk.</summary>
    public static long Write(string path, IEnumerable<Document> documents, Action? afterEach = null)
    {
        long n = 0;
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
        {
            foreach (var d in documents)
            {
                writer.WriteLine(ToLine(d));
                n++;
                afterEach?.Invoke();
            }
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        return n;
    }

    public static IEnumerable<Document> Read(string path)
    {
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
            if (line.Length > 0) yield return FromLine(line);
    }

    /// <summary>Several files, each in build order, merged into one stream in build order.</summary>
    public static IEnumerable<Document> Merge(IEnumerable<string> files)
    {
        var readers = files.Where(File.Exists).Select(f => Read(f).GetEnumerator()).ToList();
        try
        {
            var heads = new PriorityQueue<int, Document>(BuildOrder.Comparer);
            for (var i = 0; i < readers.Count; i++)
                if (readers[i].MoveNext()) heads.Enqueue(i, readers[i].Current);
            while (heads.TryDequeue(out var i, out var d))
            {
                yield return d;
                if (readers[i].MoveNext()) heads.Enqueue(i, readers[i].Current);
            }
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }
    }
}
