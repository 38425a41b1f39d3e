using System.Text;
using System.Text.Json.Nodes;
using Corpus.Core.Jsonl;
using Corpus.Dedup.Staging;

namespace Corpus.Dedup.Jsonl;

/// <summary>
/// Writes verdicts as JSON Lines: the input object with <c>duplicate_of</c>, <c>dup_cluster</c> and, when repeated
/// lines are removed, the cleaned <c>text</c> and <c>repeated_lines_removed</c>. Filter task i writes part i; the
/// merge interleaves the parts back into input order (part i holds rows i, i+N, …).
/// </summary>
public static class JsonlDedupOutput
{
    public static void WritePart(IEnumerable<DedupVerdict> verdicts, DedupOptions options, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var writer = new StreamWriter(path + ".tmp", append: false, new UTF8Encoding(false)))
            foreach (var v in verdicts) JsonLines.Write(writer, ToJson(v, options));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public static JsonObject ToJson(DedupVerdict v, DedupOptions options)
    {
        var obj = (JsonObject)((JsonObject)v.Input.Payload!).DeepClone();
        if (options.RepeatedLines)
        {
            obj["text"] = v.Text;
            obj["repeated_lines_removed"] = v.LinesRemoved;
        }
        obj["duplicate_of"] = v.DuplicateOf;
        obj["dup_cluster"] = v.Cluster;
        return obj;
    }

    /// <summary>Interleaves the parts into <paramref name="writer"/>; returns the rows written.</summary>
    public static long Merge(WorkLayout layout, int tasks, TextWriter writer)
    {
        var readers = Enumerable.Range(0, tasks).Select(t =>
        {
            var path = layout.OutputPart(t);
            if (!File.Exists(path)) throw new Corpus.Core.CorpusUserException($"'{path}' is missing: run the filter stage for every task first.");
            return new StreamReader(path, Encoding.UTF8);
        }).ToList();
        try
        {
            long rows = 0;
            for (var t = 0; ; t = (t + 1) % tasks)
            {
                if (readers[t].ReadLine() is not { } line) break;
                writer.WriteLine(line);
                rows++;
            }
            foreach (var r in readers)
                if (r.ReadLine() is not null) throw new InvalidOperationException("Output parts are uneven: was the input changed between stages?");
            return rows;
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }
    }
}
