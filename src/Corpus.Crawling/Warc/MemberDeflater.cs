using System.Buffers.Binary;

namespace Corpus.Crawling.Warc;

/// <summary>
/// One zlib compressor per worker thread, kept for every record it deflates: setting one up costs more than
/// compressing a page (zlib-ng allocates and clears some 300 KB), and the runtime's zlib offers no reset. A record
/// becomes a whole gzip member of its own: the header, the record deflated raw and ended with a full flush (which
/// byte-aligns the output and makes zlib forget all history, so nothing refers back into the previous record), an
/// empty final block, then the CRC-32 and size. Any gzip reader reads it like a member written in one call.
/// </summary>
internal sealed unsafe class MemberDeflater
{
    [ThreadStatic] private static MemberDeflater? t_current;
    private NativeZlib.ZStream _z;
    private byte[] _output = new byte[1 << 16];
    private bool _open;

    private MemberDeflater()
    {
        fixed (NativeZlib.ZStream* z = &_z)
            if (NativeZlib.DeflateInit2(z, 1, 8, -15, 8, 0) != NativeZlib.Ok) throw new InvalidOperationException("zlib could not start a compressor.");
        _open = true;
    }

    ~MemberDeflater() => End();

    private void End()
    {
        if (!_open) return;
        _open = false;
        fixed (NativeZlib.ZStream* z = &_z) NativeZlib.DeflateEnd(z);
    }

    // gzip header: magic, deflate, no flags, no mtime, no extra flags, OS "Unix" (as zlib writes it).
    private static ReadOnlySpan<byte> Header => [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];

    // A final fixed-Huffman block holding only its end code: BFINAL 1, BTYPE 01, seven zero bits.
    private static ReadOnlySpan<byte> FinalBlock => [0x03, 0x00];

    /// <summary>The gzip member of <paramref name="record"/>, in a buffer of this thread's compressor (valid until its next call).</summary>
    public static ReadOnlySpan<byte> Member(ReadOnlySpan<byte> record)
    {
        var deflater = t_current ??= new MemberDeflater();
        try
        {
            return deflater.Compress(record);
        }
        catch
        {
            // A compressor left mid-stream by a failure is not used again.
            t_current = null;
            deflater.End();
            GC.SuppressFinalize(deflater);
            throw;
        }
    }

    private ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> record)
    {
        var need = Header.Length + record.Length + (record.Length >> 3) + 64;
        if (_output.Length < need) _output = new byte[need];
        Header.CopyTo(_output);
        var length = Header.Length;
        fixed (NativeZlib.ZStream* z = &_z)
        fixed (byte* input = record)
        {
            z->NextIn = input;
            z->AvailIn = (uint)record.Length;
            while (true)
            {
                if (_output.Length - length < 16) Array.Resize(ref _output, _output.Length * 2);
                int rc;
                fixed (byte* output = _output)
                {
                    z->NextOut = output + length;
                    z->AvailOut = (uint)(_output.Length - length);
                    rc = NativeZlib.Deflate(z, NativeZlib.FullFlush);
                    length = (int)(z->NextOut - output);
                }
                if (rc != NativeZlib.Ok && rc != NativeZlib.BufError) throw new InvalidOperationException($"zlib failed to compress a record ({rc}).");
                // Flushed once all input is taken and the output was not filled to the brim.
                if (z->AvailIn == 0 && z->AvailOut > 0) break;
            }
            z->NextIn = null;
            z->NextOut = null;
        }
        if (_output.Length - length < FinalBlock.Length + 8) Array.Resize(ref _output, length + FinalBlock.Length + 8);
        FinalBlock.CopyTo(_output.AsSpan(length));
        length += FinalBlock.Length;
        uint crc;
        fixed (byte* p = record) crc = NativeZlib.Crc32(0, p, record.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(_output.AsSpan(length), crc);
        BinaryPrimitives.WriteUInt32LittleEndian(_output.AsSpan(length + 4), (uint)record.Length);
        length += 8;
        // A thread keeps an output buffer of up to 1 MB; a larger record's buffer is let go.
        var member = _output.AsSpan(0, length);
        if (_output.Length > 1 << 20)
        {
            var copy = member.ToArray();
            _output = new byte[1 << 16];
            return copy;
        }
        return member;
    }
}
