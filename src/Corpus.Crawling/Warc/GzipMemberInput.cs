namespace Corpus.Crawling.Warc;

/// <summary>
/// A <c>.warc.gz</c> file read through one buffer, with absolute offsets, that finds where each gzip member ends
/// without feeding the inflater byte by byte. .NET's <see cref="System.IO.Compression.DeflateStream"/> reads its
/// input ahead; it is fed here in slices of at most <see cref="Slice"/> bytes, so when a member's deflate data ends
/// its last byte lies in the last slice. The member's 8-byte trailer follows it, and its ISIZE (the member's
/// uncompressed length, known by then) followed by the next member's magic bytes (or the end of the file) marks the
/// one place it can start.
/// </summary>
internal sealed class GzipMemberInput(Stream file, long startOffset = 0) : Stream
{
    private const int Slice = 8192;
    private byte[] _buffer = new byte[1 << 17];
    private int _end;        // end of valid bytes
    private int _pos;        // next byte to hand out
    private long _bufferOffset = startOffset; // file offset of _buffer[0]
    private int _sliceStart = -1;
    private bool _eof;

    public long Position64 => _bufferOffset + _pos;

    /// <summary>Makes at least <paramref name="count"/> bytes from the position available; false at the end of the file.</summary>
    public bool Ensure(int count)
    {
        while (_end - _pos < count)
        {
            if (_eof) return false;
            var keep = _sliceStart >= 0 ? Math.Min(_sliceStart, _pos) : _pos;
            if (keep > 0)
            {
                Buffer.BlockCopy(_buffer, keep, _buffer, 0, _end - keep);
                _end -= keep;
                _pos -= keep;
                if (_sliceStart >= 0) _sliceStart -= keep;
                _bufferOffset += keep;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var n = file.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) _eof = true;
            _end += n;
        }
        return true;
    }

    public int ReadByteOrEnd() => Ensure(1) ? _buffer[_pos++] : -1;

    public int PeekByte() => Ensure(1) ? _buffer[_pos] : -1;

    /// <summary>Starts a member's deflate data: from here the inflater reads through this stream.</summary>
    public void BeginDeflate() => _sliceStart = _pos;

    /// <summary>
    /// After the inflater reported the end of a member of <paramref name="uncompressedLength"/> bytes: moves past its
    /// trailer. False when the file ends before a trailer (a truncated member).
    /// </summary>
    public bool EndMember(long uncompressedLength)
    {
        var isize = (uint)uncompressedLength;
        // The trailer and the next member's magic lie within 11 bytes past what the inflater was given.
        Ensure(11);
        for (var c = Math.Max(_sliceStart, 0); c <= _pos && c + 8 <= _end; c++)
        {
            var size = (uint)(_buffer[c + 4] | (_buffer[c + 5] << 8) | (_buffer[c + 6] << 16) | (_buffer[c + 7] << 24));
            if (size != isize) continue;
            var next = c + 8;
            var atNext = next == _end ? _eof : next + 3 <= _end && _buffer[next] == 0x1F && _buffer[next + 1] == 0x8B && _buffer[next + 2] == 0x08;
            if (!atNext) continue;
            _pos = next;
            _sliceStart = -1;
            return true;
        }
        _sliceStart = -1;
        return false;
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0 || !Ensure(1)) return 0;
        var n = Math.Min(Math.Min(buffer.Length, Slice), _end - _pos);
        _sliceStart = _pos;
        _buffer.AsSpan(_pos, n).CopyTo(buffer);
        _pos += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Position64; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
