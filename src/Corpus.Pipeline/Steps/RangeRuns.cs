using Corpus.Core.Documents;
using Corpus.Core.Pipeline;

namespace Corpus.Pipeline.Steps;

/// <summary>One processed document as its part-file line (UTF-8 JSON, no newline) with what the step needs to sort and count it.</summary>
public sealed record PartLine(string Id, string? SourceUrl, int Range, Disposition Disposition, string? ExclusionRule, int TextLength, byte[] Utf8)
{
    public static PartLine Of(Document d, int ranges) =>
        new(d.Id, d.SourceUrl, DocumentParts.RangeOf(d.Id, ranges), d.Disposition, d.ExclusionRule, d.Text.Length, DocumentParts.ToUtf8(d));

    public bool IsKept => Disposition == Disposition.Kept;

    /// <summary>Build order (<see cref="BuildOrder"/>): id, then source URL, both ordinal.</summary>
    public static readonly IComparer<PartLine> Order = Comparer<PartLine>.Create((a, b) =>
        string.CompareOrdinal(a.Id, b.Id) is var c && c != 0 ? c : string.CompareOrdinal(a.SourceUrl, b.SourceUrl));
}

/// <summary>
/// Documents cut into id ranges and sorted without holding them all: a bounded buffer of serialised lines, sorted
/// and written as one run per range whenever it fills, and at the end each range's runs merged into its file in
/// build order (a range that never spilled is written straight from its sorted buffer).
/// </summary>
public sealed class RangeRuns(string folder, int ranges, long spillBytes)
{
    private readonly List<PartLine>[] _buffers = Enumerable.Range(0, ranges).Select(_ => new List<PartLine>()).ToArray();
    private readonly List<string>[] _runs = Enumerable.Range(0, ranges).Select(_ => new List<string>()).ToArray();
    private long _bytes;

    public void Add(PartLine line)
    {
        _buffers[line.Range].Add(line);
        _bytes += line.Utf8.Length + 256;
        if (_bytes >= spillBytes) Spill();
    }

    /// <summary>Sorted runs written so far, over all ranges.</summary>
    public int Runs => _runs.Sum(r => r.Count);

    private void Spill()
    {
        for (var r = 0; r < ranges; r++)
            if (_buffers[r].Count > 0) SpillRange(r);
        _bytes = 0;
    }

    /// <summary>Writes every range's file; returns the kept documents per range.</summary>
    public long[] Finish(Func<int, string> rangeFile, Action afterEach)
    {
        var kept = new long[ranges];
        for (var r = 0; r < ranges; r++)
        {
            if (_runs[r].Count == 0)
            {
                _buffers[r].Sort(PartLine.Order);
                kept[r] = _buffers[r].Count(l => l.IsKept);
                WriteLines(rangeFile(r), _buffers[r], afterEach, flushToDisk: true);
            }
            else
            {
                if (_buffers[r].Count > 0) SpillRange(r);
                kept[r] = SortedRun.Merge(_runs[r], rangeFile(r), afterEach);
                foreach (var run in _runs[r]) SortedRun.Delete(run);
            }
            _buffers[r] = [];
        }
        if (Directory.Exists(Path.Combine(folder, "runs"))) Directory.Delete(Path.Combine(folder, "runs"));
        return kept;
    }

    private void SpillRange(int r)
    {
        _buffers[r].Sort(PartLine.Order);
        var path = Path.Combine(folder, "runs", $"range-{r:D3}-run-{_runs[r].Count:D5}.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // A run lives only until the range's merge in this task, and a killed task starts its step again from a fresh
        // folder, so it is not flushed to disk: the one consumer thread would otherwise wait on the disk with the
        // workers' results piling up behind it.
        WriteLines(path, _buffers[r], null, flushToDisk: false);
        SortedRun.WriteKeys(path, _buffers[r]);
        _runs[r].Add(path);
        _buffers[r] = [];
    }

    /// <summary>The lines, each followed by a newline: the bytes <see cref="DocumentParts.Write"/> gives for their documents.</summary>
    private static void WriteLines(string path, List<PartLine> lines, Action? afterEach, bool flushToDisk)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        foreach (var line in lines)
        {
            stream.Write(line.Utf8);
            stream.WriteByte((byte)'\n');
            afterEach?.Invoke();
        }
        stream.Flush(flushToDisk);
    }
}
