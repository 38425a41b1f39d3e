using Corpus.Dedup.Clustering;
using Corpus.Dedup.Lines;
using Corpus.Dedup.Staging;
using Corpus.Dedup.Text;

namespace Corpus.Dedup.MinHash;

/// <summary>
/// Stage 3 (task i of N): for each document of the slice, after its repeated lines are removed, the bucket keys it
/// is compared by — its exact text hash, its canonical URL hash, one key per LSH band — partitioned by key and
/// spilled as sorted runs; the keeper facts (published, length, id) the cluster stage chooses keepers by; and which
/// lines repeated-line removal takes out of each document, so the filter stage need not fold the text again.
/// </summary>
public static class SignatureStage
{
    public static void Run(IDedupSource source, DedupOptions options, WorkLayout layout, RepeatedLineSet repeated, int task)
    {
        var tasks = options.Tasks;
        var perBuffer = options.RecordsPerBuffer(32);
        var writers = Enumerable.Range(0, tasks)
            .Select(p => new SortedRunWriter<BucketRecord, BucketOrder>(layout.BucketRuns(p), $"task-{task:D3}", perBuffer)).ToArray();
        void Add(BucketRecord r) => writers[(int)(r.KeyLow % (ulong)tasks)].Add(r);

        var hasher = new MinHasher(options.MinHashParameters);
        var signature = new uint[options.MinHashParameters.Permutations];
        var folded = new FoldedDocument(); // the text is folded once for its line keys, exact key and MinHash words
        Directory.CreateDirectory(Path.GetDirectoryName(layout.Meta(task))!);
        var metaPath = layout.Meta(task);
        using (var removals = new LineRemovals.Writer(layout.Removals(task)))
        using (var meta = new BinaryWriter(new BufferedStream(File.Create(metaPath + ".tmp"), 1 << 16)))
        {
            foreach (var doc in source.SliceFields(task, tasks))
            {
                folded.Fold(doc.Text);
                var length = repeated.CleanedLength(doc, folded);
                removals.Add(doc.Index, folded);
                var foldedText = folded.Kept();
                new MetaRecord(new KeeperKey(doc.Index, KeeperKey.Ticks(doc.Published), length, doc.Id)).Write(meta);
                if (options.Exact)
                {
                    var exact = Hashes.Of(foldedText);
                    Add(new BucketRecord((ulong)(exact >> 64), (ulong)exact, doc.Index, BucketRecord.ExactSpace));
                    if (!string.IsNullOrEmpty(doc.Url))
                    {
                        var url = Hashes.Of(doc.Url);
                        Add(new BucketRecord((ulong)(url >> 64), (ulong)url, doc.Index, BucketRecord.UrlSpace));
                    }
                }
                if (options.Near && hasher.SignFolded(foldedText, signature))
                    for (var band = 0; band < options.MinHashParameters.Bands; band++)
                        Add(new BucketRecord(0, hasher.BandKey(signature, band), doc.Index, band));
            }
        }
        File.Move(metaPath + ".tmp", metaPath, overwrite: true);
        foreach (var w in writers) w.Complete();
    }
}
