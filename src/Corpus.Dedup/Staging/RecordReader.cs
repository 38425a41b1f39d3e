using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Corpus.Dedup.Staging;

/// <summary>
/// Reads the records of a <see cref="RecordWriter"/> (or a <see cref="BinaryWriter"/>) from a pooled buffer refilled
/// from the file when it runs out: the fields are taken from memory, not through the stream one call each.
/// </summary>
public sealed class RecordReader : IDisposable
{
    private const int BufferBytes = 1 << 16;

    private readonly FileStream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
    private int _at;
    private int _count;

    /// <summary>Opens a complete file; a missing one is the user's: <paramref name="missing"/> says which stage to run.</summary>
    public RecordReader(string path, string missing)
    {
        if (!File.Exists(path)) throw new Corpus.Core.CorpusUserException($"'{path}' is missing: {missing}");
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    }

    /// <summary>True when every byte of the file is read.</summary>
    public bool AtEnd => _at == _count && Fill(1) == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int bytes)
    {
        if (_count - _at < bytes && Fill(bytes) < bytes) throw new InvalidDataException($"{_stream.Name}: truncated record file.");
        var span = _buffer.AsSpan(_at, bytes);
        _at += bytes;
        return span;
    }

    /// <summary>Moves the unread bytes to the front and reads until <paramref name="bytes"/> are buffered or the file ends; returns how many are.</summary>
    private int Fill(int bytes)
    {
        var left = _count - _at;
        if (_buffer.Length < bytes)
        {
            var larger = ArrayPool<byte>.Shared.Rent(bytes);
            _buffer.AsSpan(_at, left).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else _buffer.AsSpan(_at, left).CopyTo(_buffer);
        _at = 0;
        _count = left;
        while (_count < bytes)
        {
            var n = _stream.Read(_buffer.AsSpan(_count));
            if (n == 0) break;
            _count += n;
        }
        return _count;
    }

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));
    public bool ReadBoolean() => Take(1)[0] != 0;

    public string ReadString()
    {
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (shift > 28) throw new InvalidDataException($"{_stream.Name}: bad string length.");
            var b = Take(1)[0];
            length |= (b & 0x7F) << shift;
            if (b < 0x80) break;
        }
        if (length < 0) throw new InvalidDataException($"{_stream.Name}: bad string length.");
        return length == 0 ? "" : Encoding.UTF8.GetString(Take(length));
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
