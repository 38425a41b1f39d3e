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
