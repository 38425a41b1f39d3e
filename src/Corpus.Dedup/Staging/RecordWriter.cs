using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Corpus.Dedup.Staging;

/// <summary>
/// Writes variable records into a pooled buffer and the buffer to the file when full: the bytes a
/// <see cref="BinaryWriter"/> writes (little-endian numbers, a bool as one byte, a string as its UTF-8 length in 7-bit
/// groups and its bytes), without a call through the stream for every field. The file appears under its name only
/// when <see cref="Commit"/> is called.
/// </summary>
public sealed class RecordWriter : IDisposable
{
    private const int BufferBytes = 1 << 16;

    // BinaryWriter's own encoding: an id that is not valid UTF-16 fails the same way.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _path;
    private readonly FileStream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
    private int _used;
    private bool _closed;

    public RecordWriter(string path)
    {
        _path = path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _stream = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Take(int bytes)
    {
        if (_buffer.Length - _used < bytes) Make(bytes);
        var span = _buffer.AsSpan(_used, bytes);
        _used += bytes;
        return span;
    }

    private void Make(int bytes)
    {
        Flush();
        if (_buffer.Length >= bytes) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = ArrayPool<byte>.Shared.Rent(bytes);
    }

    private void Flush()
    {
        _stream.Write(_buffer.AsSpan(0, _used));
        _used = 0;
    }

    public void Write(long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);
    public void Write(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), value);
    public void Write(int value) => BinaryPrimitives.WriteInt32LittleEndian(Take(4), value);
    public void Write(bool value) => Take(1)[0] = value ? (byte)1 : (byte)0;

    public void Write(string value)
    {
        var length = Utf8.GetByteCount(value);
        var prefix = Take(5 + length); // the 7-bit length takes at most 5 bytes
        var at = 0;
        var v = (uint)length;
        for (; v >= 0x80; v >>= 7) prefix[at++] = (byte)(v | 0x80);
        prefix[at++] = (byte)v;
        Utf8.GetBytes(value, prefix[at..]);
        _used -= 5 - at; // give back the prefix bytes not used
    }

    /// <summary>Writes what is buffered and moves the file into place.</summary>
    public void Commit()
    {
        if (_closed) return;
        Flush();
        Close();
        File.Move(_path + ".tmp", _path, overwrite: true);
    }

    private void Close()
    {
        _closed = true;
        _stream.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>Closes the file; without <see cref="Commit"/> it stays under its temporary name.</summary>
    public void Dispose()
    {
        if (!_closed) Close();
    }
}
