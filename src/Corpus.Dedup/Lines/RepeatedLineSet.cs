using System.Runtime.CompilerServices;
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
        var removed = Mark(doc, folded);
        return removed == 0 ? (doc.Text, 0) : (Rebuild(doc.Text, folded, text => new string(text)), removed);
    }

    /// <summary>As <see cref="Clean(DedupInput, FoldedDocument)"/>, giving only the cleaned text's length (no string built).</summary>
    public int CleanedLength(DedupInput doc, FoldedDocument folded) => CleanedLength(doc.Host, folded);

    /// <summary>As <see cref="CleanedLength(DedupInput, FoldedDocument)"/>, for a document of host <paramref name="host"/> known only by its fold.</summary>
    public int CleanedLength(string host, FoldedDocument folded)
    {
        Mark(host, folded);
        return folded.KeptTextLength();
    }

    [ThreadStatic] private static FoldedDocument? _folded;

    /// <summary>The text without its repeated lines, and how many were removed.</summary>
    public (string Text, int Removed) Clean(DedupInput doc)
    {
        if (_lines.Count == 0) return (doc.Text, 0);
        var folded = _folded ??= new FoldedDocument();
        folded.Fold(doc.Text);
        return Clean(doc, folded);
    }

    /// <summary>Marks the document's repeated lines in <paramref name="folded"/>; returns how many are to go (0: none is).</summary>
    private int Mark(DedupInput doc, FoldedDocument folded) => Mark(doc.Host, folded);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Mark(string hostName, FoldedDocument folded)
    {
        if (_lines.Count == 0) return 0;
        var host = Hashes.Host(hostName);
        var removed = 0;
        var keptContent = false;
        for (var line = 0; line < folded.Lines; line++)
        {
            if (folded.Key(line) is not { } key) continue;
            if (_lines.Contains((host, key))) { removed++; folded.Remove(line); }
            else keptContent = true;
        }
        // A document made only of repeated lines is a copy, not boilerplate: leave it whole for dedup to judge,
        // rather than emptying it (every emptied document would be an exact duplicate of every other).
        if (removed > 0 && keptContent) return removed;
        folded.KeepAll();
        return 0;
    }

    /// <summary>
    /// The line numbers removal takes out of a document known by its lines' keys (<see cref="MinHash.DraftKeys"/>), into
    /// <paramref name="removed"/> (grown when short); returns how many. The same lines as <see cref="Clean(DedupInput)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Removals(ulong? host, ReadOnlySpan<MinHash.DraftKeys.Line> lines, ref int[] removed)
    {
        if (_lines.Count == 0 || host is not { } h) return 0;
        if (removed.Length < lines.Length) removed = new int[lines.Length * 2];
        var count = 0;
        var keptContent = false;
        for (var line = 0; line < lines.Length; line++)
        {
            if (!lines[line].HasKey) continue;
            if (_lines.Contains((h, lines[line].Key))) removed[count++] = line;
            else keptContent = true;
        }
        return keptContent ? count : 0; // only repeated lines: left whole, as Mark leaves it
    }

    /// <summary>The text without the lines <paramref name="folded"/> marks removed, newlines trimmed at both ends.</summary>
    private static T Rebuild<T>(string text, FoldedDocument folded, Func<ReadOnlySpan<char>, T> use)
    {
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var length = 0;
            var first = true;
            var line = 0;
            for (var next = 0; LineSplitter.Next(text, ref next, out var start, out var count); line++)
            {
                if (folded.IsRemoved(line)) continue;
                if (!first) buffer[length++] = '\n';
                text.AsSpan(start, count).CopyTo(buffer.AsSpan(length));
                length += count;
                first = false;
            }
            return use(buffer.AsSpan(0, length).Trim('\n'));
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }
}
