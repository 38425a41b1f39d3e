using System.Runtime.CompilerServices;
using Corpus.Dedup.Staging;
using Corpus.Dedup.Text;

namespace Corpus.Dedup.MinHash;

/// <summary>
/// What the line stage knows of each document of its slice once it has read it (task i of N, in index order): the
/// fields the keeper is chosen by, every line's key and length, and the document's exact key and LSH band keys signed
/// with the lines the line stage presumed repeated (<see cref="Lines.LineTally"/>) taken out. The signature stage
/// reads this small file instead of the input: where the repeated-lines stage found exactly the presumed lines, the keys
/// stand; elsewhere it reads that document again and signs it.
/// </summary>
public static class DraftKeys
{
    /// <summary>One line of a document: its length in the text, and its key (none when it folds to nothing).</summary>
    public readonly record struct Line(int Length, bool HasKey, UInt128 Key);

    public sealed class Writer : IDisposable
    {
        private readonly RecordWriter _writer;

        public Writer(string path) => _writer = new RecordWriter(path);

        /// <summary>
        /// One document: its lines from <paramref name="folded"/> (keys in <paramref name="keys"/>, the presumed repeated
        /// ones marked removed there), and the keys of its text without them.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(long index, long publishedTicks, string id, string? url, ulong? host, FoldedDocument folded, ReadOnlySpan<UInt128?> keys,
            UInt128 exact, ReadOnlySpan<ulong> bands)
        {
            var w = _writer;
            w.Write(index);
            w.Write(publishedTicks);
            w.Write(id);
            w.Write(url is not null);
            if (url is not null) w.Write(url);
            w.Write(host is not null);
            if (host is { } h) w.Write(h);
            w.Write(folded.TextLength);
            w.Write(folded.Lines);
            for (var line = 0; line < folded.Lines; line++)
            {
                w.Write(folded.LineLength(line));
                w.Write(keys[line] is not null);
                if (keys[line] is { } k)
                {
                    w.Write((ulong)(k >> 64));
                    w.Write((ulong)k);
                }
            }
            w.Write(folded.RemovedCount);
            for (var line = 0; line < folded.Lines; line++)
                if (folded.IsRemoved(line)) w.Write(line);
            w.Write((ulong)(exact >> 64));
            w.Write((ulong)exact);
            w.Write(bands.Length);
            foreach (var b in bands) w.Write(b);
        }

        public void Dispose() => _writer.Commit();
    }

    /// <summary>Reads the documents back in order; the spans are valid until the next <see cref="Next"/>.</summary>
    public sealed class Reader : IDisposable
    {
        private readonly RecordReader _reader;
        private Line[] _lines = new Line[64];
        private int _lineCount;
        private int[] _presumed = new int[16];
        private int _presumedCount;
        private ulong[] _bands = new ulong[32];
        private int _bandCount;

        public Reader(string path)
        {
            _reader = new RecordReader(path, "run the lines stage for every task first.");
        }

        public long Index { get; private set; }
        public long PublishedTicks { get; private set; }
        public string Id { get; private set; } = "";
        public string? Url { get; private set; }
        public ulong? Host { get; private set; }
        public int TextLength { get; private set; }
        public ReadOnlySpan<Line> Lines => _lines.AsSpan(0, _lineCount);
        /// <summary>The line numbers signed as removed (ascending).</summary>
        public ReadOnlySpan<int> Presumed => _presumed.AsSpan(0, _presumedCount);
        public UInt128 Exact { get; private set; }
        /// <summary>The LSH band keys (empty: no signature, the text has no words or near dedup is off).</summary>
        public ReadOnlySpan<ulong> Bands => _bands.AsSpan(0, _bandCount);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool Next()
        {
            var r = _reader;
            if (r.AtEnd) return false;
            Index = r.ReadInt64();
            PublishedTicks = r.ReadInt64();
            Id = r.ReadString();
            Url = r.ReadBoolean() ? r.ReadString() : null;
            Host = r.ReadBoolean() ? r.ReadUInt64() : null;
            TextLength = r.ReadInt32();
            _lineCount = r.ReadInt32();
            if (_lines.Length < _lineCount) _lines = new Line[_lineCount * 2];
            for (var i = 0; i < _lineCount; i++)
            {
                var length = r.ReadInt32();
                _lines[i] = r.ReadBoolean() ? new Line(length, true, new UInt128(r.ReadUInt64(), r.ReadUInt64())) : new Line(length, false, default);
            }
            _presumedCount = r.ReadInt32();
            if (_presumed.Length < _presumedCount) _presumed = new int[_presumedCount * 2];
            for (var i = 0; i < _presumedCount; i++) _presumed[i] = r.ReadInt32();
            Exact = new UInt128(r.ReadUInt64(), r.ReadUInt64());
            _bandCount = r.ReadInt32();
            if (_bands.Length < _bandCount) _bands = new ulong[_bandCount * 2];
            for (var i = 0; i < _bandCount; i++) _bands[i] = r.ReadUInt64();
            return true;
        }

        public void Dispose() => _reader.Dispose();
    }
}
