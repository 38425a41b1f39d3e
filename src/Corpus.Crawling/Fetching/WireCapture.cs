using System.Runtime.CompilerServices;

namespace Corpus.Crawling.Fetching;

/// <summary>
/// The request head and the response head of one exchange, byte for byte as they crossed the connection (after
/// TLS, before de-chunking): what WARC request and response records should hold. The fetcher sets
/// <see cref="Current"/> around a send; the connection's <see cref="CapturingStream"/> attaches to it when the
/// request is written (a write always happens in the request's own flow) and feeds it what it then reads, up to the
/// end of the response head.
/// </summary>
internal sealed class WireCapture
{
    public static readonly AsyncLocal<WireCapture?> Current = new();
    private const int MaxHead = 256 * 1024;
    // Only a head split over several writes or reads is gathered here; the usual head, whole in one, is copied once.
    private MemoryStream? _request;
    private MemoryStream? _response;
    private byte[]? _requestHead;
    private bool _requestDone;
    private int _responseMatched;
    private int _requestMatched;

    public byte[]? RequestHead => _requestDone ? _requestHead ??= _request!.ToArray() : null;
    public byte[]? ResponseHead { get; private set; }
    public bool ResponseDone => ResponseHead is not null || _response?.Length > MaxHead;

    public void Sent(ReadOnlySpan<byte> data)
    {
        if (_requestDone) return;
        var end = HeadEnd(data, ref _requestMatched);
        if (end >= 0 && _request is null)
        {
            _requestHead = data[..end].ToArray();
            _requestDone = true;
            return;
        }
        _request ??= new MemoryStream();
        _request.Write(end < 0 ? data : data[..end]);
        if (end >= 0 || _request.Length > MaxHead) _requestDone = true;
    }

    public void Received(ReadOnlySpan<byte> data)
    {
        while (!ResponseDone && data.Length > 0)
        {
            var end = HeadEnd(data, ref _responseMatched);
            byte[] head;
            if (end >= 0 && (_response is null || _response.Length == 0)) head = data[..end].ToArray();
            else
            {
                _response ??= new MemoryStream();
                _response.Write(end < 0 ? data : data[..end]);
                if (end < 0) return;
                head = _response.ToArray();
                _response.SetLength(0);
            }
            data = data[end..];
            _responseMatched = 0;
            // An interim 1xx head (100 Continue) is followed by the real one.
            if (head.Length > 9 && head[9] == (byte)'1' && head.AsSpan().StartsWith("HTTP/"u8)) continue;
            ResponseHead = head;
        }
    }

    /// <summary>Index just past the CRLFCRLF that ends a head in <paramref name="data"/> (carrying a partial match across calls), or -1.</summary>
    private static int HeadEnd(ReadOnlySpan<byte> data, ref int matched)
    {
        ReadOnlySpan<byte> end = "\r\n\r\n"u8;
        if (matched == 0)
        {
            // Nothing carried over: a vectorised search, and only the last three bytes can start a match that goes on.
            var at = data.IndexOf(end);
            if (at >= 0) return at + 4;
            var from = Math.Max(0, data.Length - 3);
            data = data[from..];
            for (var i = 0; i < data.Length; i++)
            {
                if (data[i] == end[matched]) matched++;
                else matched = data[i] == end[0] ? 1 : 0;
            }
            return -1;
        }
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] == end[matched]) matched++;
            else matched = data[i] == end[0] ? 1 : 0;
            if (matched == 4) return i + 1;
        }
        return -1;
    }
}

/// <summary>A connection's plaintext stream that shows its traffic to the <see cref="WireCapture"/> of the request it carries.</summary>
internal sealed class CapturingStream(Stream inner) : Stream
{
    private WireCapture? _active;

    private void Attach(ReadOnlySpan<byte> data)
    {
        if (WireCapture.Current.Value is { } c && !ReferenceEquals(c, _active)) _active = c;
        _active?.Sent(data);
    }

    private void Saw(ReadOnlySpan<byte> data)
    {
        if (_active is { ResponseDone: false } a) a.Received(data);
    }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n > 0) Saw(buffer[..n]);
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    // Pooled: a connection waits on the socket at least once per response, and a box per wait would be garbage. Which
    // capture sees the bytes is decided when they arrive: a read the connection starts ahead, while idle, carries the
    // next request's response.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        if (n > 0) Saw(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Attach(buffer);
        inner.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Attach(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override bool CanRead => inner.CanRead;
    public override bool CanWrite => inner.CanWrite;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}
