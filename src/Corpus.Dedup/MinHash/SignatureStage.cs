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
        using var signer = new Signer(options, layout, repeated, task);
        var folded = new FoldedDocument(); // the text is folded once for its line keys, exact key and MinHash words
        if (source is Jsonl.JsonlDedupSource jsonl)
            jsonl.ForEachFolded(task, options.Tasks, folded,
                (index, id, url, host, published, f) => signer.Add(index, KeeperKey.Ticks(published), id, url, host, f));
        else
            foreach (var doc in source.SliceFields(task, options.Tasks))
            {
                folded.Fold(doc.Text);
                signer.Add(doc.Index, KeeperKey.Ticks(doc.Published), doc.Id, doc.Url, doc.Host, folded);
            }
        signer.Complete();
    }

    private sealed class Signer : IDisposable
    {
        private readonly DedupOptions _options;
        private readonly RepeatedLineSet _repeated;
        private readonly SortedRunWriter<BucketRecord, BucketOrder>[] _writers;
        private readonly MinHasher _hasher;
        private readonly uint[] _signature;
        private readonly string _metaPath;
        private readonly BinaryWriter _meta;
        private readonly LineRemovals.Writer _removals;

        public Signer(DedupOptions options, WorkLayout layout, RepeatedLineSet repeated, int task)
        {
            _options = options;
            _repeated = repeated;
            var perBuffer = options.RecordsPerBuffer(32);
            _writers = Enumerable.Range(0, options.Tasks)
                .Select(p => new SortedRunWriter<BucketRecord, BucketOrder>(layout.BucketRuns(p), $"task-{task:D3}", perBuffer)).ToArray();
            _hasher = new MinHasher(options.MinHashParameters);
            _signature = new uint[options.MinHashParameters.Permutations];
            _metaPath = layout.Meta(task);
            Directory.CreateDirectory(Path.GetDirectoryName(_metaPath)!);
            _meta = new BinaryWriter(new BufferedStream(File.Create(_metaPath + ".tmp"), 1 << 16));
            _removals = new LineRemovals.Writer(layout.Removals(task));
        }

        private void Add(BucketRecord r) => _writers[(int)(r.KeyLow % (ulong)_writers.Length)].Add(r);

        public void Add(long index, long publishedTicks, string id, string? url, string host, FoldedDocument folded)
        {
            var length = _repeated.CleanedLength(host, folded);
            _removals.Add(index, folded);
            var foldedText = folded.Kept();
            new MetaRecord(new KeeperKey(index, publishedTicks, length, id)).Write(_meta);
            if (_options.Exact)
            {
                var exact = Hashes.Of(foldedText);
                Add(new BucketRecord((ulong)(exact >> 64), (ulong)exact, index, BucketRecord.ExactSpace));
                if (!string.IsNullOrEmpty(url))
                {
                    var urlKey = Hashes.Of(url);
                    Add(new BucketRecord((ulong)(urlKey >> 64), (ulong)urlKey, index, BucketRecord.UrlSpace));
                }
            }
            if (_options.Near && _hasher.SignFolded(foldedText, _signature))
                for (var band = 0; band < _options.MinHashParameters.Bands; band++)
                    Add(new BucketRecord(0, _hasher.BandKey(_signature, band), index, band));
        }

        /// <summary>Publishes the files once every document is in.</summary>
        public void Complete()
        {
            _meta.Dispose();
            File.Move(_metaPath + ".tmp", _metaPath, overwrite: true);
            _removals.Dispose();
            foreach (var w in _writers) w.Complete();
        }

        public void Dispose() => _meta.Dispose();
    }
}
