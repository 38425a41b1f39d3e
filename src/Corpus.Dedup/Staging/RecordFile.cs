using System.Runtime.InteropServices;

namespace Corpus.Dedup.Staging;

/// <summary>Files of fixed-size records, read in chunks so a reader holds a few kilobytes whatever the file size.</summary>
public static class RecordFile
{
    public static IEnumerable<T> Read<T>(string path) where T : unmanaged
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new T[4096];
        while (true)
        {
            var read = ReadChunk(stream, buffer);
            if (read == 0) yield break;
            for (var i = 0; i < read; i++) yield return buffer[i];
        }
    }

    private static int ReadChunk<T>(Stream stream, T[] buffer) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(buffer.AsSpan());
        var total = 0;
        while (total < bytes.Length)
        {
            var n = stream.Read(bytes[total..]);
            if (n == 0) break;
            total += n;
        }
        var size = Marshal.SizeOf<T>();
        if (total % size != 0) throw new InvalidDataException($"{(stream as FileStream)?.Name}: truncated record file.");
        return total / size;
    }

    /// <summary>A binary writer for a file of variable records; <see cref="Commit"/> puts the file under its name when complete.</summary>
    public static BinaryWriter CreateBinary(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new BinaryWriter(new BufferedStream(File.Create(path + ".tmp"), 1 << 16));
    }

    /// <summary>Closes a writer from <see cref="CreateBinary"/> and moves its file into place.</summary>
    public static void Commit(BinaryWriter writer, string path)
    {
        writer.Dispose();
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>
    /// A binary reader over a complete file and its length, read once: the file is whole when read, so readers check
    /// their end against it instead of a stat call per record. A missing file is the user's: <paramref name="missing"/> says which stage to run.
    /// </summary>
    public static BinaryReader OpenBinary(string path, string missing, out long end)
    {
        if (!File.Exists(path)) throw new Corpus.Core.CorpusUserException($"'{path}' is missing: {missing}");
        var reader = new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 16));
        end = reader.BaseStream.Length;
        return reader;
    }

    /// <summary>Writes records through a buffer; the file appears under its name only when complete.</summary>
    public sealed class Writer<T> : IDisposable where T : unmanaged
    {
        private readonly string _path;
        private readonly FileStream _stream;
        private readonly T[] _buffer = new T[4096];
        private int _count;

        public Writer(string path)
        {
            _path = path;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _stream = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        }

        public void Add(in T record)
        {
            if (_count == _buffer.Length) Flush();
            _buffer[_count++] = record;
        }

        private void Flush()
        {
            _stream.Write(MemoryMarshal.AsBytes(_buffer.AsSpan(0, _count)));
            _count = 0;
        }

        public void Dispose()
        {
            Flush();
            _stream.Dispose();
            File.Move(_path + ".tmp", _path, overwrite: true);
        }
    }
}
