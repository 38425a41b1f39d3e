using Corpus.Dedup.Staging;
using Corpus.Dedup.Text;

namespace Corpus.Dedup.Lines;

/// <summary>
/// The lines repeated-line removal takes out of each document of a slice, as the signature stage found them: for each
/// document that loses any, its index, the count and the 0-based line numbers (lines split at <c>\n</c>), in index order.
/// The filter stage cuts those lines out of the input text without folding it again.
/// </summary>
public static class LineRemovals
{
    /// <summary>
    /// <paramref name="text"/> without the lines numbered in <paramref name="removed"/> (ascending; lines split at
    /// <c>\n</c>), the rest joined by <c>\n</c> and trimmed of <c>\n</c> at both ends: the cleaned text
    /// <see cref="RepeatedLineSet.Clean(DedupInput)"/> gives, without folding the text again.
    /// </summary>
    public static string Cut(string text, ReadOnlySpan<int> removed)
    {
        if (removed.IsEmpty) return text;
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var length = 0;
            var first = true;
            var line = 0;
            var next = 0;
            for (var at = 0; Text.LineSplitter.Next(text, ref at, out var start, out var count); line++)
            {
                if (next < removed.Length && removed[next] == line) { next++; continue; }
                if (!first) buffer[length++] = '\n';
                text.AsSpan(start, count).CopyTo(buffer.AsSpan(length));
                length += count;
                first = false;
            }
            return new string(buffer.AsSpan(0, length).Trim('\n'));
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    public sealed class Writer : IDisposable
    {
        private readonly RecordWriter _writer;

        public Writer(string path) => _writer = new RecordWriter(path);

        /// <summary>Records the lines <paramref name="folded"/> has marked removed, if any.</summary>
        public void Add(long index, FoldedDocument folded)
        {
            if (folded.RemovedCount == 0) return;
            _writer.Write(index);
            _writer.Write(folded.RemovedCount);
            for (var line = 0; line < folded.Lines; line++)
                if (folded.IsRemoved(line)) _writer.Write(line);
        }

        /// <summary>Records the lines removal takes out of document <paramref name="index"/> (ascending), if any.</summary>
        public void Add(long index, ReadOnlySpan<int> lines)
        {
            if (lines.IsEmpty) return;
            _writer.Write(index);
            _writer.Write(lines.Length);
            foreach (var line in lines) _writer.Write(line);
        }

        public void Dispose() => _writer.Commit();
    }

    /// <summary>Reads a slice's removals in index order: <see cref="For"/> is asked for each document in turn.</summary>
    public sealed class Reader : IDisposable
    {
        private readonly RecordReader _reader;
        private long _next = -1;
        private int[] _lines = new int[16];
        private int _count;

        public Reader(string path)
        {
            _reader = new RecordReader(path, "run the signatures stage for every task first.");
            Advance();
        }

        /// <summary>The removed lines of document <paramref name="index"/> (ascending; empty when none), valid until the next call.</summary>
        public ReadOnlySpan<int> For(long index)
        {
            if (_next < 0 || _next > index) return [];
            if (_next < index) throw new InvalidOperationException("Line removals do not match the input: was the input changed between stages?");
            var lines = _lines.AsSpan(0, _count).ToArray();
            Advance();
            return lines;
        }

        /// <summary>True when removals are left that no document asked for.</summary>
        public bool HasMore => _next >= 0;

        private void Advance()
        {
            if (_reader.AtEnd) { _next = -1; return; }
            _next = _reader.ReadInt64();
            _count = _reader.ReadInt32();
            if (_lines.Length < _count) _lines = new int[_count * 2];
            for (var i = 0; i < _count; i++) _lines[i] = _reader.ReadInt32();
        }

        public void Dispose() => _reader.Dispose();
    }
}
