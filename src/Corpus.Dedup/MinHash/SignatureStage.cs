using System.Runtime.CompilerServices;
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
/// The keys come from the line stage's drafts (<see cref="DraftKeys"/>), read once, where it presumed the lines removal
/// takes out; only the other documents are read from the input and signed here.
/// </summary>
public static class SignatureStage
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(IDedupSource source, DedupOptions options, WorkLayout layout, RepeatedLineSet repeated, int task)
    {
        // One pass over the drafts in index order: a draft whose presumed lines are the ones removal takes out keeps its
        // keys; any other document is read from the input (a cursor that only moves forward) and signed again.
        var removed = new int[64];
        using var signer = new Signer(options, layout, repeated, task);
        using var drafts = new DraftKeys.Reader(layout.Drafts(task));
        using var again = new Again(source, options.Tasks, task);
        while (drafts.Next())
        {
            if (Confirmed(drafts, repeated, ref removed, out var count)) signer.Add(drafts, removed.AsSpan(0, count));
            else if (!again.Sign(drafts.Index, signer))
                throw new InvalidOperationException("The drafts do not match the input: was the input changed between stages?");
        }
        signer.Complete();
    }

    /// <summary>The documents signed again, read from the input as the drafts ask for them (opened on the first).</summary>
    private sealed class Again(IDedupSource source, int tasks, int task) : IDisposable
    {
        private readonly FoldedDocument _folded = new();
        private Jsonl.JsonlDedupSource.FoldedCursor? _jsonl;
        private IEnumerator<DedupInput>? _documents;
        private Signer? _signer;

        public bool Sign(long index, Signer signer)
        {
            _signer = signer;
            if (source is Jsonl.JsonlDedupSource jsonl)
            {
                _jsonl ??= jsonl.OpenFolded(task, tasks);
                return _jsonl.Visit(index, _folded, Visit);
            }
            _documents ??= source.SliceFields(task, tasks).GetEnumerator();
            while (_documents.MoveNext())
            {
                var doc = _documents.Current;
                if (doc.Index < index) continue;
                if (doc.Index > index) return false;
                _folded.Fold(doc.Text);
                Visit(doc.Index, doc.Id, doc.Url, doc.Host, doc.Published, _folded);
                return true;
            }
            return false;
        }

        private void Visit(long index, string id, string? url, string host, DateTimeOffset? published, FoldedDocument folded) =>
            _signer!.Add(index, KeeperKey.Ticks(published), id, url, host, folded);

        public void Dispose()
        {
            _jsonl?.Dispose();
            _documents?.Dispose();
        }
    }

    /// <summary>Whether the draft was signed without exactly the lines removal takes out (in <paramref name="removed"/>, <paramref name="count"/> of them).</summary>
    private static bool Confirmed(DraftKeys.Reader draft, RepeatedLineSet repeated, ref int[] removed, out int count)
    {
        count = repeated.Removals(draft.Host, draft.Lines, ref removed);
        return removed.AsSpan(0, count).SequenceEqual(draft.Presumed);
    }

    private sealed class Signer : IDisposable
    {
        private readonly DedupOptions _options;
        private readonly RepeatedLineSet _repeated;
        private readonly SortedRunWriter<BucketRecord, BucketOrder>[] _writers;
        private readonly MinHasher _hasher;
        private readonly uint[] _signature;
        private readonly RecordWriter _meta;
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
            _meta = new RecordWriter(layout.Meta(task));
            _removals = new LineRemovals.Writer(layout.Removals(task));
        }

        private void Add(BucketRecord r) => _writers[(int)(r.KeyLow % (ulong)_writers.Length)].Add(r);

        /// <summary>A document whose draft keys stand: signed without exactly the lines in <paramref name="removed"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(DraftKeys.Reader draft, ReadOnlySpan<int> removed)
        {
            var length = draft.TextLength;
            if (!removed.IsEmpty)
            {
                var lines = draft.Lines;
                Span<int> lengths = lines.Length <= 256 ? stackalloc int[lines.Length] : new int[lines.Length];
                Span<bool> gone = lines.Length <= 256 ? stackalloc bool[lines.Length] : new bool[lines.Length];
                for (var i = 0; i < lines.Length; i++) lengths[i] = lines[i].Length;
                foreach (var line in removed) gone[line] = true;
                length = FoldedDocument.KeptTextLength(lengths, gone);
            }
            _removals.Add(draft.Index, removed);
            new MetaRecord(new KeeperKey(draft.Index, draft.PublishedTicks, length, draft.Id)).Write(_meta);
            if (_options.Exact)
            {
                var exact = draft.Exact;
                Add(new BucketRecord((ulong)(exact >> 64), (ulong)exact, draft.Index, BucketRecord.ExactSpace));
                if (!string.IsNullOrEmpty(draft.Url))
                {
                    var urlKey = Hashes.Of(draft.Url);
                    Add(new BucketRecord((ulong)(urlKey >> 64), (ulong)urlKey, draft.Index, BucketRecord.UrlSpace));
                }
            }
            var bands = draft.Bands;
            for (var band = 0; band < bands.Length; band++) Add(new BucketRecord(0, bands[band], draft.Index, band));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            _meta.Commit();
            _removals.Dispose();
            foreach (var w in _writers) w.Complete();
        }

        public void Dispose() => _meta.Dispose();
    }
}
