using Corpus.Dedup.Staging;
using Corpus.Dedup.Text;

namespace Corpus.Dedup.Lines;

/// <summary>
/// Stage 1 (task i of N): every distinct line of every document in the slice as a (host, line, document) record,
/// partitioned by key and spilled as sorted runs.
/// </summary>
public static class LineCountStage
{
    public static void Run(IDedupSource source, DedupOptions options, WorkLayout layout, int task)
    {
        var tasks = options.Tasks;
        var perBuffer = options.RecordsPerBuffer(32);
        var writers = Enumerable.Range(0, tasks)
            .Select(p => new SortedRunWriter<LineRecord, LineOrder>(layout.LineRuns(p), $"task-{task:D3}", perBuffer)).ToArray();
        var seen = new HashSet<UInt128>();
        var folded = new FoldedDocument(); // one pass over the text gives every line's key
        void Count(long index, string hostName, FoldedDocument folded)
        {
            if (hostName.Length == 0) return; // no site known: nothing to count the line against
            var host = Hashes.Host(hostName);
            seen.Clear();
            for (var line = 0; line < folded.Lines; line++)
            {
                if (folded.Key(line) is not { } key || !seen.Add(key)) continue;
                var record = new LineRecord(host, (ulong)(key >> 64), (ulong)key, index);
                writers[(int)((record.Host ^ record.LineLow) % (ulong)tasks)].Add(record);
            }
        }
        if (source is Jsonl.JsonlDedupSource jsonl)
            jsonl.ForEachFolded(task, tasks, folded, (index, _, _, host, _, f) => Count(index, host, f));
        else
            foreach (var doc in source.SliceFields(task, tasks))
            {
                if (doc.Host.Length == 0) continue;
                folded.Fold(doc.Text);
                Count(doc.Index, doc.Host, folded);
            }
        foreach (var w in writers) w.Complete();
    }
}
