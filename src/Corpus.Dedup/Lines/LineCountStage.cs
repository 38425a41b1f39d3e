using System.Runtime.CompilerServices;
using Corpus.Dedup.Clustering;
using Corpus.Dedup.MinHash;
using Corpus.Dedup.Staging;
using Corpus.Dedup.Text;

namespace Corpus.Dedup.Lines;

/// <summary>
/// Stage 1 (task i of N), the only stage that reads the documents' text for hashing: every distinct line of every
/// document in the slice as a (host, line, document) record, partitioned by key and spilled as sorted runs; and, from
/// the same fold, each document's draft keys (<see cref="DraftKeys"/>): its exact key and MinHash band keys without the
/// lines this task has already seen in <c>K</c> documents of the host, which the signature stage confirms.
/// </summary>
public static class LineCountStage
{
    public static void Run(IDedupSource source, DedupOptions options, WorkLayout layout, int task)
    {
        var tasks = options.Tasks;
        var perBuffer = options.RecordsPerBuffer(32);
        var writers = options.RepeatedLines
            ? Enumerable.Range(0, tasks).Select(p => new SortedRunWriter<LineRecord, LineOrder>(layout.LineRuns(p), $"task-{task:D3}", perBuffer)).ToArray()
            : [];
        var seen = new HashSet<UInt128>();
        var tally = options.RepeatedLines ? new LineTally() : null;
        var keys = new UInt128?[256];
        var counts = new int[256]; // each line's count in the tally once this document is counted
        var hasher = new MinHasher(options.MinHashParameters);
        var signature = new uint[options.MinHashParameters.Permutations];
        var bands = new ulong[options.MinHashParameters.Bands];
        using var drafts = new DraftKeys.Writer(layout.Drafts(task));
        // Runs once per document: compiled optimised at once rather than first as tier-0 code.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Count(long index, string? id, string? url, string hostName, DateTimeOffset? published, FoldedDocument folded)
        {
            var lines = folded.Lines;
            if (keys.Length < lines)
            {
                keys = new UInt128?[lines * 2];
                counts = new int[lines * 2];
            }
            for (var line = 0; line < lines; line++) keys[line] = folded.Key(line);
            ulong? host = hostName.Length == 0 ? null : Hashes.Host(hostName); // no site known: nothing to count the line against
            if (tally is not null && host is { } h)
            {
                seen.Clear();
                for (var line = 0; line < lines; line++)
                {
                    if (keys[line] is not { } key) continue;
                    if (!seen.Add(key))
                    {
                        counts[line] = -1; // a repeat within the document: its count is the first occurrence's
                        continue;
                    }
                    var record = new LineRecord(h, (ulong)(key >> 64), (ulong)key, index);
                    writers[(int)((record.Host ^ record.LineLow) % (ulong)tasks)].Add(record);
                    counts[line] = tally.Add(h, key);
                }
                Presume(tally, h, options.RepeatedLineMinDocs, folded, keys, counts);
            }
            var kept = folded.Kept();
            var bandCount = 0;
            if (options.Near && hasher.SignFolded(kept, signature))
                for (var band = 0; band < bands.Length; band++) bands[bandCount++] = hasher.BandKey(signature, band);
            drafts.Add(index, KeeperKey.Ticks(published), id!, url, host, folded, keys, options.Exact ? Hashes.Of(kept) : default, bands.AsSpan(0, bandCount));
        }
        if (source is Jsonl.JsonlDedupSource jsonl)
            jsonl.ForEachFolded(task, tasks, new FoldedDocument(), (index, id, url, host, published, f) => Count(index, id, url, host, published, f));
        else
        {
            var folded = new FoldedDocument();
            foreach (var doc in source.SliceFields(task, tasks))
            {
                folded.Fold(doc.Text);
                Count(doc.Index, doc.Id, doc.Url, doc.Host, doc.Published, folded);
            }
        }
        foreach (var w in writers) w.Complete();
    }

    /// <summary>
    /// Marks in <paramref name="folded"/> the lines counted in at least <paramref name="minDocs"/> documents of the host so
    /// far, as <see cref="RepeatedLineSet"/> marks repeated ones (a document of nothing but such lines is left whole).
    /// <paramref name="counts"/> holds what <see cref="LineTally.Add"/> gave each line of this document (-1 for a line
    /// already counted higher up in it), so the tally is searched once per line, not twice.
    /// </summary>
    private static void Presume(LineTally tally, ulong host, int minDocs, FoldedDocument folded, ReadOnlySpan<UInt128?> keys, ReadOnlySpan<int> counts)
    {
        var keptContent = false;
        for (var line = 0; line < folded.Lines; line++)
        {
            if (keys[line] is not { } key) continue;
            // A line counted at K or more in this task's documents is repeated for certain, whenever the count was taken.
            var count = counts[line] >= 0 ? counts[line] : tally.Count(host, key);
            if (count >= minDocs) folded.Remove(line);
            else keptContent = true;
        }
        if (!keptContent) folded.KeepAll();
    }
}
