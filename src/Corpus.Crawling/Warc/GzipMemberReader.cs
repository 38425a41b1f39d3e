using System.Runtime.InteropServices;

namespace Corpus.Crawling.Warc;

/// <summary>
/// Inflates the gzip members of a file one after another with one zlib inflater that is reset between members (no
/// per-member stream, window or buffer), reading the file in large blocks. zlib reports exactly how much input a
/// member's deflate data used, so each member's start offset is known without any look-ahead trick; the 8-byte
/// trailer's ISIZE is checked against what was inflated.
/// </summary>
internal sealed unsafe class GzipMemberReader : IDisposable
{
    private readonly Stream _file;
    private readonly string _name;
    private byte[] _in = new byte[1 << 18];
    private int _pos;
    private int _end;
    private long _inOffset;   // file offset of _in[0]
    private bool _eof;
    private NativeZlib.ZStream* _z;
    private bool _started;
    private readonly Func<int> _nextByte;

    /// <summary>The last member's inflated bytes (the first <see cref="Length"/> of them).</summary>
    public byte[] Member { get; private set; } = new byte[1 << 16];
    public int Length { get; private set; }
    /// <summary>The file offset of the last member's first byte.</summary>
    public long MemberStart { get; private set; }

    public GzipMemberReader(Stream file, string name, long startOffset)
    {
        _file = file;
        _name = name;
        _inOffset = startOffset;
        _z = (NativeZlib.ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(NativeZlib.ZStream));
        // One delegate for every member's header, not one per member.
        _nextByte = () => Ensure(1) ? _in[_pos++] : -1;
    }

    /// <summary>Inflates the next member; false at a clean end of the file.</summary>
    public bool Next()
    {
        if (!Ensure(1)) return false;
        MemberStart = _inOffset + _pos;
        SkipHeader();
        var rc = _started ? NativeZlib.InflateReset2(_z, -15) : NativeZlib.InflateInit2(_z, -15);
        if (rc != NativeZlib.Ok) throw new InvalidOperationException($"zlib could not start an inflater ({rc}).");
        _started = true;
        Length = 0;
        while (true)
        {
            if (_pos == _end && !Fill()) throw Truncated();
            if (Length == Member.Length)
            {
                if (Member.Length >= WarcReader.MaxRecordBytes) throw new WarcFormatException(_name, MemberStart, "gzip member larger than the record limit.");
                var bigger = Member;
                Array.Resize(ref bigger, Member.Length * 2);
                Member = bigger;
            }
            int consumed, produced;
            fixed (byte* input = _in)
            fixed (byte* output = Member)
            {
                _z->NextIn = input + _pos;
                _z->AvailIn = (uint)(_end - _pos);
                _z->NextOut = output + Length;
                _z->AvailOut = (uint)(Member.Length - Length);
                rc = NativeZlib.Inflate(_z, NativeZlib.NoFlush);
                consumed = (int)(_z->NextIn - (input + _pos));
                produced = (int)(_z->NextOut - (output + Length));
            }
            _pos += consumed;
            Length += produced;
            if (rc == NativeZlib.StreamEnd) break;
            if (rc == NativeZlib.Ok || rc == NativeZlib.BufError) continue;   // more input or more room is needed
            var message = _z->Msg != IntPtr.Zero ? Marshal.PtrToStringAnsi(_z->Msg) : $"zlib error {rc}";
            throw new WarcFormatException(_name, MemberStart, $"broken gzip member ({message}).");
        }
        if (!Ensure(8)) throw Truncated();
        var isize = BitConverter.ToUInt32(_in, _pos + 4);
        if (isize != (uint)Length)
            throw new WarcFormatException(_name, MemberStart, $"broken gzip member (its trailer says {isize} bytes, {Length} were inflated).");
        _pos += 8;
        return true;
    }

    private WarcFormatException Truncated() => new(_name, MemberStart, "gzip member is truncated (the file was cut short).");

    // Next() has made sure the member's first byte is in the buffer.
    private void SkipHeader() => GzipHeader.Skip(_in[_pos++], _nextByte, _name, MemberStart);

    /// <summary>At least <paramref name="count"/> bytes from the position are in the buffer; false at the end of the file.</summary>
    private bool Ensure(int count)
    {
        while (_end - _pos < count)
            if (!Fill()) return false;
        return true;
    }

    /// <summary>Reads more of the file behind what is left; false when the file has ended.</summary>
    private bool Fill()
    {
        if (_eof) return false;
        if (_pos > 0)
        {
            Buffer.BlockCopy(_in, _pos, _in, 0, _end - _pos);
            _end -= _pos;
            _inOffset += _pos;
            _pos = 0;
        }
        if (_end == _in.Length) Array.Resize(ref _in, _in.Length * 2);
        var n = _file.Read(_in, _end, _in.Length - _end);
        if (n == 0)
        {
            _eof = true;
            return false;
        }
        _end += n;
        return true;
    }

    private void Free()
    {
        if (_z is null) return;
        if (_started) NativeZlib.InflateEnd(_z);
        NativeMemory.Free(_z);
        _z = null;
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    ~GzipMemberReader() => Free();
}
