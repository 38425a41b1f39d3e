using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Corpus.Crawling.Fetching;

namespace Corpus.Tests.Crawling;

/// <summary>A response the test server sends: status, headers, body, and how long it stalls first.</summary>
public sealed record CannedResponse(int Status, byte[] Body, params (string Name, string Value)[] Headers)
{
    public TimeSpan StallBeforeHead { get; init; }
    /// <summary>
    /// How long the answer takes, waited on the server's clock (the crawl's virtual one when the server has it). Unlike
    /// <see cref="StallBeforeHead"/>, which waits real time so that real timeouts fire, this moves a virtual clock on.
    /// </summary>
    public TimeSpan Takes { get; init; }
    /// <summary>Send the body with chunked transfer coding instead of a Content-Length.</summary>
    public bool Chunked { get; init; }

    public static CannedResponse Html(string html, string contentType = "text/html; charset=utf-8") =>
        new(200, Encoding.UTF8.GetBytes(html), ("Content-Type", contentType));

    public static CannedResponse Redirect(string location, int status = 302) =>
        new(status, [], ("Location", location));
}

/// <summary>One request the server saw: host, path, and when (a monotonic clock, for politeness gaps).</summary>
public sealed record SeenRequest(string Host, string Path, TimeSpan At, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A request the server answered: when its head had arrived and when the answer was about to be written. The second is
/// stamped before the answer's first byte goes out, so it is never later than the moment the client is done with it.
/// </summary>
public sealed record AnsweredRequest(SeenRequest Request, TimeSpan AnsweredAt);

/// <summary>How long after <paramref name="Previous"/> was over <paramref name="Next"/> arrived at the server.</summary>
public sealed record HostRest(SeenRequest Previous, SeenRequest Next, TimeSpan Gap);

/// <summary>
/// A raw HTTP/1.1 server on a loopback port that answers per (host, path) with whatever a test scripts — slow,
/// flaky, rate-limiting, redirecting, bombing — and logs every request it saw. Host names reach it through a
/// <see cref="HostMap"/>.
/// </summary>
public sealed class MisbehavingServer : IAsyncDisposable
{
    private readonly TimeProvider? _time;
    private readonly DateTimeOffset _started;
    private readonly ConcurrentQueue<(string Key, byte[] RequestHead, byte[] ResponseHead)> _wire = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Func<int, CannedResponse>> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<SeenRequest> _seen = new();
    private readonly ConcurrentQueue<AnsweredRequest> _answered = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;

    /// <summary>With <paramref name="time"/>, requests are stamped on that clock (the crawl's virtual one) instead of a stopwatch.</summary>
    public MisbehavingServer(TimeProvider? time = null)
    {
        _time = time;
        _started = time?.GetUtcNow() ?? default;
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public IReadOnlyList<SeenRequest> Seen => _seen.ToList();

    /// <summary>The requests answered so far, in the order their answers went out.</summary>
    public IReadOnlyList<AnsweredRequest> Answered => _answered.ToList();

    /// <summary>
    /// For each request to <paramref name="host"/> after its first, in the order they arrived: how long after the previous
    /// one was over it arrived. A request is over no sooner than its answer was about to go out, or, never answered (the
    /// client gave up on a stalled answer), no sooner than it arrived. With one request at a time per host, these are the host's rests.
    /// </summary>
    public IReadOnlyList<HostRest> RestsBetween(string host)
    {
        var answered = _answered.ToDictionary<AnsweredRequest, SeenRequest, TimeSpan>(a => a.Request, a => a.AnsweredAt, ReferenceEqualityComparer.Instance);
        var seen = _seen.Where(r => r.Host == host).OrderBy(r => r.At).ToList();
        return seen.Zip(seen.Skip(1), (previous, next) =>
            new HostRest(previous, next, next.At - (answered.TryGetValue(previous, out var over) ? over : previous.At))).ToList();
    }

    /// <summary>Every exchange's request head as received and response head as sent, byte for byte, by host + path.</summary>
    public IReadOnlyList<(string Key, byte[] RequestHead, byte[] ResponseHead)> Wire => _wire.ToList();

    /// <summary>Answers <paramref name="hostAndPath"/> (e.g. <c>site.test/a.html</c>); the handler gets the 1-based request count.</summary>
    public void On(string hostAndPath, Func<int, CannedResponse> respond) => _routes[hostAndPath] = respond;

    public void On(string hostAndPath, CannedResponse response) => On(hostAndPath, _ => response);

    /// <summary>The hosts mapped to this server like <c>crawl.resolve</c> does: only they may reach its loopback address.</summary>
    public HostMap Map(params string[] hosts)
    {
        var map = new HostMap();
        foreach (var h in hosts) map.Resolve(h, EndPoint.ToString());
        return map;
    }

    /// <summary>The <c>crawl.resolve</c> lines that send <paramref name="hosts"/> here.</summary>
    public Dictionary<string, string> Resolve(params string[] hosts) => hosts.ToDictionary(h => h, _ => EndPoint.ToString());

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            while (true)
            {
                var head = await ReadHeadAsync(stream);
                if (head is null) return;
                var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
                var target = lines[0].Split(' ')[1];
                // A request through a proxy names the whole URL (absolute form): keep its path.
                if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") target = absolute.PathAndQuery;
                var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                    .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
                var host = headers.GetValueOrDefault("Host", "").Split(':')[0].ToLowerInvariant();
                var key = host + target;
                var seen = new SeenRequest(host, target, Now(), headers);
                _seen.Enqueue(seen);
                var n = _counts.AddOrUpdate(key, 1, (_, c) => c + 1);
                var response = _routes.TryGetValue(key, out var route)
                    ? route(n)
                    : new CannedResponse(404, "not here"u8.ToArray(), ("Content-Type", "text/plain"));
                if (response.StallBeforeHead > TimeSpan.Zero) await Task.Delay(response.StallBeforeHead, _stop.Token);
                if (response.Takes > TimeSpan.Zero) await Task.Delay(response.Takes, _time ?? TimeProvider.System, _stop.Token);
                var sb = new StringBuilder($"HTTP/1.1 {response.Status} Status\r\n");
                foreach (var (name, value) in response.Headers) sb.Append(name).Append(": ").Append(value).Append("\r\n");
                if (response.Chunked) sb.Append("Transfer-Encoding: chunked\r\n\r\n");
                else sb.Append("Content-Length: ").Append(response.Body.Length).Append("\r\n\r\n");
                var responseHead = Encoding.ASCII.GetBytes(sb.ToString());
                _wire.Enqueue((key, Encoding.ASCII.GetBytes(head), responseHead));
                // Stamped before the first byte goes out: no client is done with the request any earlier, not even one that
                // refuses the body on reading the head. A client that already gave up waiting (closed its end) is not answered.
                var answeredAt = Now();
                if (!ClosedByClient(client.Client)) _answered.Enqueue(new AnsweredRequest(seen, answeredAt));
                await stream.WriteAsync(responseHead, _stop.Token);
                if (!response.Chunked) await stream.WriteAsync(response.Body, _stop.Token);
                else
                {
                    // Two chunks and the last one, so the framing is really there.
                    var half = response.Body.Length / 2;
                    foreach (var part in new[] { response.Body[..half], response.Body[half..] })
                    {
                        if (part.Length == 0) continue;
                        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{part.Length:x}\r\n"), _stop.Token);
                        await stream.WriteAsync(part, _stop.Token);
                        await stream.WriteAsync("\r\n"u8.ToArray(), _stop.Token);
                    }
                    await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    /// <summary>Whether the client has closed its end (readable with nothing to read); HttpClient sends one request at a time.</summary>
    private static bool ClosedByClient(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>The server's time: on the clock it was given (from its start), else a stopwatch.</summary>
    private TimeSpan Now() => _time is null ? _clock.Elapsed : _time.GetUtcNow() - _started;

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>(512);
        var one = new byte[1];
        while (buffer.Count < 65536)
        {
            if (await stream.ReadAsync(one) == 0) return null;
            buffer.Add(one[0]);
            var n = buffer.Count;
            if (n >= 4 && buffer[n - 4] == '\r' && buffer[n - 3] == '\n' && buffer[n - 2] == '\r' && buffer[n - 1] == '\n')
                return Encoding.ASCII.GetString(buffer.ToArray());
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
    }
}
