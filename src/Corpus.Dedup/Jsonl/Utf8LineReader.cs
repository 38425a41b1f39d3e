using System.Buffers;
using System.Runtime.CompilerServices;

namespace Corpus.Dedup.Jsonl;

/// <summary>
/// Lines of a UTF-8 file as bytes, without decoding them: a line ends at <c>\n</c>, <c>\r</c> or <c>\r\n</c>, as
/// <see cref="StreamReader.ReadLine"/> has it, and a UTF-8 byte order mark is skipped. <see cref="Current"/> is a slice
/// of one pooled buffer, valid until the next <see cref="Next"/>; the buffer grows only for a longer line.
/// </summary>
public sealed class Utf8LineReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;   // first byte not yet returned
    private int _end;     // end of the bytes read
    private bool _eof;
    private bool _first = true;
    private bool _skipLf; // the last line ended at \r: a \n right after it belongs to that break

    public Utf8LineReader(Stream stream, int bufferSize = 1 << 16)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    public static Utf8LineReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));

    /// <summary>The line last read, without its line break.</summary>
    public ReadOnlyMemory<byte> Current { get; private set; }

    /// <summary>True when the file begins with a UTF-16 or UTF-32 byte order mark (these files are not UTF-8).</summary>
    public bool HasForeignByteOrderMark { get; private set; }

    // Every line of the file passes through here: compiled optimised at once rather than first as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next()
    {
        if (_first)
        {
            _first = false;
            while (_end < 3 && !_eof) Fill();
            var head = _buffer.AsSpan(0, _end);
            if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) _start = 3;
            else if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) HasForeignByteOrderMark = true;
        }
        var scanned = 0; // bytes after _start already searched for a break
        while (true)
        {
            if (_skipLf)
            {
                if (_start == _end && !_eof) { Fill(); continue; }
                if (_start < _end && _buffer[_start] == (byte)'\n') _start++;
                _skipLf = false;
            }
            var at = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOfAny((byte)'\n', (byte)'\r');
            if (at >= 0)
            {
                var lineEnd = _start + scanned + at;
                Current = _buffer.AsMemory(_start, lineEnd - _start);
                _skipLf = _buffer[lineEnd] == (byte)'\r';
                _start = lineEnd + 1;
                return true;
            }
            scanned = _end - _start;
            if (_eof)
            {
                if (scanned == 0) return false;
                Current = _buffer.AsMemory(_start, scanned);
                _start = _end;
                return true;
            }
            Fill();
        }
    }

    /// <summary>Moves the unread bytes to the front (growing the buffer when they fill it) and reads once more.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0) _eof = true;
        _end += n;
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
