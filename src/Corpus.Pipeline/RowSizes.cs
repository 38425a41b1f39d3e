using Corpus.Core.Documents;
using Corpus.Parquet.Release;
using Corpus.Parquet.Writing;

namespace Corpus.Pipeline;

/// <summary>
/// Beside each filtered range, one record per document in build order: whether its row goes to the kept table, and
/// the row's size as the shard writer counts it (9 bytes a document). The write tasks replay the writer's cut rule
/// over these to find where every shard of a table starts, without reading any other range's documents.
/// </summary>
public static class RowSizes
{
    public static string FileBeside(string documentsFile) => Path.Combine(Path.GetDirectoryName(documentsFile)!, "row-sizes.bin");

    /// <summary>Writes the sizes of the documents that pass through <see cref="Observe"/>.</summary>
    public sealed class Writer(string path, IReadOnlyList<ReleaseTable> tables) : IDisposable
    {
        private readonly BinaryWriter _out = new(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
        private readonly ReleaseTable _kept = tables.Single(t => t.Kept);
        private readonly ReleaseTable _notKept = tables.Single(t => !t.Kept);

        public IEnumerable<Document> Observe(IEnumerable<Document> documents)
        {
            foreach (var d in documents)
            {
                _out.Write(d.IsKept);
                _out.Write(ParquetTableWriter.RowBytes(d.IsKept ? _kept.Schema : _notKept.Schema, d));
                yield return d;
            }
            _out.Flush();
            ((FileStream)_out.BaseStream).Flush(flushToDisk: true);
        }

        public void Dispose() => _out.Dispose();
    }

    public static IEnumerable<(bool Kept, long Bytes)> Read(string path)
    {
        using var reader = new BinaryReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
        var length = reader.BaseStream.Length;
        while (reader.BaseStream.Position < length) yield return (reader.ReadBoolean(), reader.ReadInt64());
    }
}
