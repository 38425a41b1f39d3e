namespace Corpus.Tests.Crawling;

/// <summary>
/// A file stream that runs out of space after <c>limit</c> bytes, writing what fits first (as a full disk does).
/// <see cref="Peak"/> is the most the file ever held, so a test can tell a file cut back after the failure.
/// </summary>
internal sealed class FullDisk(string path, long limit) : Stream
{
    private readonly FileStream _file = new(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);

    public long Peak { get; private set; }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var room = (int)Math.Max(0, limit - _file.Length);
        if (buffer.Length <= room)
        {
            _file.Write(buffer);
            Peak = Math.Max(Peak, _file.Length);
            return;
        }
        _file.Write(buffer[..room]);
        _file.Flush();
        Peak = Math.Max(Peak, _file.Length);
        throw new IOException("No space left on device");
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override long Length => _file.Length;
    public override long Position { get => _file.Position; set => _file.Position = value; }
    public override void Flush() => _file.Flush();
    public override int Read(byte[] buffer, int offset, int count) => _file.Read(buffer, offset, count);
    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);
    public override void SetLength(long value) => _file.SetLength(value);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose();
        base.Dispose(disposing);
    }
}
