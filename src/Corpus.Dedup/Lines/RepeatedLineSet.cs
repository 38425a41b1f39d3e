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

    /// <summary>
    /// As <see cref="Clean(DedupInput)"/>, with the line keys taken from <paramref name="folded"/> (the document's text
    /// folded once), whose removed lines are marked so its <see cref="FoldedDocument.Kept"/> is the cleaned text folded.
    /// </summary>
    public (string Text, int Removed) Clean(DedupInput doc, FoldedDocument folded)
    {
        if (_lines.Count == 0) return (doc.Text, 0);
        var host = Hashes.Host(doc.Host);
        var removed = 0;
        var keptContent = false;
        for (var line = 0; line < folded.Lines; line++)
        {
            if (folded.Key(line) is not { } key) continue;
            if (_lines.Contains((host, key))) { removed++; folded.Remove(line); }
            else keptContent = true;
        }
        if (removed == 0 || !keptContent)
        {
            folded.KeepAll();
            return (doc.Text, 0);
        }
        return (Rebuild(doc.Text, host), removed);
    }

    /// <summary>The text without its repeated lines, and how many were removed.</summary>
    public (string Text, int Removed) Clean(DedupInput doc)
    {
        if (_lines.Count == 0) return (doc.Text, 0);
        var host = Hashes.Host(doc.Host);
        var text = doc.Text;
        var removed = 0;
        var keptContent = false;
        for (var next = 0; LineSplitter.Next(text, ref next, out var start, out var length);)
        {
            if (LineKeys.Of(text.AsSpan(start, length)) is not { } key) continue;
            if (_lines.Contains((host, key))) removed++;
            else keptContent = true;
        }
        // A document made only of repeated lines is a copy, not boilerplate: leave it whole for dedup to judge,
        // rather than emptying it (every emptied document would be an exact duplicate of every other).
        if (removed == 0 || !keptContent) return (text, 0);
        return (Rebuild(text, host), removed);
    }

    private string Rebuild(string text, ulong host)
    {
        var kept = new System.Text.StringBuilder(text.Length);
        var first = true;
        for (var next = 0; LineSplitter.Next(text, ref next, out var start, out var length);)
        {
            var line = text.AsSpan(start, length);
            if (LineKeys.Of(line) is { } key && _lines.Contains((host, key))) continue;
            if (!first) kept.Append('\n');
            kept.Append(line);
            first = false;
        }
        return TrimNewlines(kept);
    }

    private static string TrimNewlines(System.Text.StringBuilder sb)
    {
        var start = 0;
        var end = sb.Length;
        while (start < end && sb[start] == '\n') start++;
        while (end > start && sb[end - 1] == '\n') end--;
        return sb.ToString(start, end - start);
    }
}
