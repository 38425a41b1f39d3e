namespace Corpus.Crawling.Warc;

/// <summary>
/// Hands the inflater one byte per read and counts them. .NET's DeflateStream over-reads its input in blocks, which
/// hides where a gzip member ends; fed byte by byte it stops exactly at the end of the deflate data, so the next
/// member's offset (the record offset Common Crawl indexes use) is known without a second pass.
/// </summary>
internal sealed class MemberBoundaryStream(Stream inner) : Stream
{
    public long Consumed { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0) return 0;
        var b = inner.ReadByte();
        if (b < 0) return 0;
        buffer[0] = (byte)b;
        Consumed++;
        return 1;
    }

    public int ReadByteCounted()
    {
        var b = inner.ReadByte();
        if (b >= 0) Consumed++;
        return b;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Consumed; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
