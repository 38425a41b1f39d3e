namespace Corpus.Pipeline.Steps;

/// <summary>
/// A sorted run of part-file lines spilled by <see cref="RangeRuns"/>, and the merge of a range's runs into its file.
/// Beside each run's lines (<c>run.jsonl</c>) a key file (<c>run.jsonl.keys</c>) holds, per line, its build-order key
/// (id, source URL), whether the document is kept and the line's length, so the merge compares keys and copies each
/// line's bytes as they are: no document is parsed and written again. The lines are the serialiser's own bytes, so the
/// merged file is the one a merge of parsed documents writes (documents round-trip exactly, <see cref="DocumentParts"/>).
/// </summary>
internal static class SortedRun
{
    private const string KeysSuffix = ".keys";

    public static void WriteKeys(string runPath, List<PartLine> lines)
    {
        using var stream = new FileStream(runPath + KeysSuffix, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var keys = new BinaryWriter(stream);
        keys.Write(lines.Count);
        foreach (var line in lines)
        {
            keys.Write(line.Id);
            keys.Write(line.SourceUrl is not null);
            if (line.SourceUrl is not null) keys.Write(line.SourceUrl);
            keys.Write(line.IsKept);
            keys.Write(line.Utf8.Length);
        }
    }

    public static void Delete(string runPath)
    {
        File.Delete(runPath);
        File.Delete(runPath + KeysSuffix);
    }

    /// <summary>Merges the runs (each in build order) into a new file at <paramref name="path"/>, flushed to disk; returns the kept documents.</summary>
    public static long Merge(IReadOnlyList<string> runs, string path, Action afterEach)
    {
        var readers = runs.Select(r => new Reader(r)).ToList();
        try
        {
            long kept = 0;
            using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            // The same queue, keys and comparison as a merge of parsed documents (BuildOrder), so ties come out alike.
            var heads = new PriorityQueue<int, (string Id, string? SourceUrl)>(KeyOrder);
            for (var i = 0; i < readers.Count; i++)
                if (readers[i].MoveNext()) heads.Enqueue(i, (readers[i].Id, readers[i].SourceUrl));
            var buffer = new byte[1 << 16];
            while (heads.TryDequeue(out var i, out _))
            {
                var reader = readers[i];
                if (reader.Kept) kept++;
                reader.CopyLineTo(output, ref buffer);
                afterEach();
                if (reader.MoveNext()) heads.Enqueue(i, (reader.Id, reader.SourceUrl));
            }
            output.Flush(flushToDisk: true);
            return kept;
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }
    }

    private static readonly IComparer<(string Id, string? SourceUrl)> KeyOrder = Comparer<(string Id, string? SourceUrl)>.Create((a, b) =>
        string.CompareOrdinal(a.Id, b.Id) is var c && c != 0 ? c : string.CompareOrdinal(a.SourceUrl, b.SourceUrl));

    private sealed class Reader : IDisposable
    {
        private readonly BinaryReader _keys;
        private readonly FileStream _lines;
        private int _left;

        public Reader(string runPath)
        {
            _keys = new BinaryReader(new FileStream(runPath + KeysSuffix, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
            _lines = new FileStream(runPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            _left = _keys.ReadInt32();
        }

        public string Id { get; private set; } = "";
        public string? SourceUrl { get; private set; }
        public bool Kept { get; private set; }
        private int Length { get; set; }

        public bool MoveNext()
        {
            if (_left == 0) return false;
            _left--;
            Id = _keys.ReadString();
            SourceUrl = _keys.ReadBoolean() ? _keys.ReadString() : null;
            Kept = _keys.ReadBoolean();
            Length = _keys.ReadInt32();
            return true;
        }

        /// <summary>The current line and its newline.</summary>
        public void CopyLineTo(Stream output, ref byte[] buffer)
        {
            var length = Length + 1;
            if (buffer.Length < length) buffer = new byte[Math.Max(length, buffer.Length * 2)];
            _lines.ReadExactly(buffer, 0, length);
            if (buffer[length - 1] != (byte)'\n')
                throw new InvalidDataException($"{_lines.Name}: a line does not end where its key file says it does.");
            output.Write(buffer, 0, length);
        }

        public void Dispose()
        {
            _keys.Dispose();
            _lines.Dispose();
        }
    }
}
