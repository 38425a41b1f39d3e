using Corpus.Dedup.Staging;
using Corpus.Dedup.Text;

namespace Corpus.Dedup.Lines;

/// <summary>The site-boilerplate lines found by stage 2, and their removal from a document.</summary>
public sealed class RepeatedLineSet
{
    private readonly HashSet<(ulong Host, UInt128 Line)> _lines = [];

    public static readonly RepeatedLineSet Empty = new();

    public int Count => _lines.Count;

    public static RepeatedLineSet Load(WorkLayout layout, int partitions)
    {
        var set = new RepeatedLineSet();
        for (var p = 0; p < partitions; p++)
        {
            var path = layout.RepeatedLines(p);
            if (!File.Exists(path)) throw new Corpus.Core.CorpusUserException($"'{path}' is missing: run the repeated-lines stage for partition {p} first.");
            foreach (var r in RecordFile.Read<LineRecord>(path))
                set._lines.Add((r.Host, new UInt128(r.LineHigh, r.LineLow)));
        }
        return set;
    }

    /// <summary>The text without its repeated lines, and how many were removed.</summary>
    public (string Text, int Removed) Clean(DedupInput doc)
    {
        if (_lines.Count == 0) return (doc.Text, 0);
        var host = Hashes.Host(doc.Host);
        var lines = LineSplitter.Lines(doc.Text);
        var kept = new List<string>(lines.Length);
        var removed = 0;
        foreach (var line in lines)
        {
            if (LineKeys.Of(line) is { } key && _lines.Contains((host, key))) removed++;
            else kept.Add(line);
        }
        // A document made only of repeated lines is a copy, not boilerplate: leave it whole for dedup to judge,
        // rather than emptying it (every emptied document would be an exact duplicate of every other).
        if (removed == 0 || kept.All(l => LineKeys.Of(l) is null)) return (doc.Text, 0);
        return (string.Join('\n', kept).Trim('\n'), removed);
    }
}
