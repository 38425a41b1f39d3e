using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Corpus.Crawling.Serving;

/// <summary>
/// Serves a folder over HTTP/1.1 on a loopback port, so an offline build (the bundled sample) goes through the same
/// HTTP path as a real crawl. <c>/a/b.html</c> maps to <c>dir/a/b.html</c>, <c>/a/</c> to <c>dir/a/index.html</c>.
/// Content types come from the extension, without a charset: pages declare their own, as many real sites do.
/// </summary>
public sealed class StaticSiteServer : IAsyncDisposable
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html", [".htm"] = "text/html", [".xml"] = "application/xml",
        [".txt"] = "text/plain", [".css"] = "text/css", [".js"] = "application/javascript",
        [".json"] = "application/json", [".gz"] = "application/gzip",
    };

    private readonly string _root;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public StaticSiteServer(string root)
    {
        _root = Path.GetFullPath(root);
        if (!Directory.Exists(_root))
            throw new DirectoryNotFoundException($"Site folder '{root}' does not exist.");
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            // Stopping the listener can end a pending accept with a socket error instead of a cancellation.
            catch (SocketException) when (_stop.IsCancellationRequested) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var pending = new Pending();
            while (true)
            {
                var request = await ReadHeadAsync(stream, pending);
                if (request is null) return;
                var parts = request.Split('\n')[0].Trim().Split(' ');
                var keepAlive = !request.Contains("Connection: close", StringComparison.OrdinalIgnoreCase);
                if (parts.Length < 2 || parts[0] is not ("GET" or "HEAD"))
                {
                    await WriteAsync(stream, 405, "text/plain", "method not allowed"u8.ToArray(), false, keepAlive);
                    continue;
                }
                var file = Resolve(parts[1]);
                if (file is null)
                    await WriteAsync(stream, 404, "text/html", "<html><body><h1>404 Not Found</h1></body></html>"u8.ToArray(), parts[0] == "HEAD", keepAlive);
                else
                    await WriteAsync(stream, 200, ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream"),
                        await File.ReadAllBytesAsync(file), parts[0] == "HEAD", keepAlive);
                if (!keepAlive) return;
            }
        }
        catch (IOException) { }
        catch (SocketException) { }
    }

    private string? Resolve(string target)
    {
        var path = Uri.UnescapeDataString(target.Split('?', '#')[0]);
        if (path.EndsWith('/')) path += "index.html";
        var full = Path.GetFullPath(Path.Combine(_root, path.TrimStart('/')));
        // Refuse paths that climb out of the site folder.
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
        return File.Exists(full) ? full : null;
    }

    /// <summary>Bytes read from a connection past the end of the last request head (clients may send the next one early).</summary>
    private sealed class Pending
    {
        public byte[] Buffer = new byte[8192];
        public int Count;
    }

    // Reads in blocks, not byte by byte: on a busy machine a read per byte made the server, not the crawler, the bottleneck.
    private static async Task<string?> ReadHeadAsync(NetworkStream stream, Pending pending)
    {
        while (true)
        {
            var end = pending.Buffer.AsSpan(0, pending.Count).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Encoding.ASCII.GetString(pending.Buffer, 0, end + 4);
                pending.Count -= end + 4;
                Array.Copy(pending.Buffer, end + 4, pending.Buffer, 0, pending.Count);
                return head;
            }
            if (pending.Count == pending.Buffer.Length)
            {
                if (pending.Buffer.Length >= 64 * 1024) return null;
                Array.Resize(ref pending.Buffer, pending.Buffer.Length * 2);
            }
            var n = await stream.ReadAsync(pending.Buffer.AsMemory(pending.Count));
            if (n == 0) return null;
            pending.Count += n;
        }
    }

    private static async Task WriteAsync(NetworkStream stream, int status, string contentType, byte[] body, bool headOnly, bool keepAlive)
    {
        var reason = status switch { 200 => "OK", 404 => "Not Found", _ => "Method Not Allowed" };
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n" +
                   $"Connection: {(keepAlive ? "keep-alive" : "close")}\r\n\r\n";
        var headBytes = Encoding.ASCII.GetBytes(head);
        var message = new byte[headBytes.Length + (headOnly ? 0 : body.Length)];
        headBytes.CopyTo(message, 0);
        if (!headOnly) body.CopyTo(message, headBytes.Length);
        // One write: a head and body sent apart can wait on a delayed ACK.
        await stream.WriteAsync(message);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
