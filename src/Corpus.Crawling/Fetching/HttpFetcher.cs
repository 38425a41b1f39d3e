using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Corpus.Crawling.Safety;
using Polly;
using Polly.Retry;

namespace Corpus.Crawling.Fetching;

/// <summary>Per request: conditional headers, a check on each redirect target before it is followed, and the host's pace (before and after each request).</summary>
public sealed record FetchRequest(string Url)
{
    /// <summary><see cref="Url"/> already parsed, when the caller has it (spares parsing it again).</summary>
    public Uri? Target { get; init; }
    public string? IfNoneMatch { get; init; }
    public string? IfModifiedSince { get; init; }
    /// <summary>Media types to download; a response of another type is refused before its body is read. Null: any.</summary>
    public IReadOnlySet<string>? AcceptedTypes { get; init; }
    /// <summary>Says why a redirect target may not be followed (host not allowed, robots.txt ...), or null to follow it.</summary>
    public Func<Uri, CancellationToken, ValueTask<string?>>? RedirectPolicy { get; init; }
    /// <summary>Awaited before every request the fetch sends (the first, each redirect hop, each retry): the host's schedule.</summary>
    public Func<Uri, CancellationToken, ValueTask>? BeforeEachRequest { get; init; }
    /// <summary>Called when each request sent is over (its body read, or it failed or timed out): the host's rest starts then.</summary>
    public Action<Uri>? AfterEachRequest { get; init; }
}

/// <summary>
/// The one HTTP client of a crawl: a single <see cref="SocketsHttpHandler"/> (pooled connections), redirects followed
/// by hand so each hop is recorded and checked, resolved addresses checked on every new connection (SSRF) or, behind
/// a proxy, before every request, bodies and decompression capped, retries with exponential back-off and jitter by
/// Polly. The request and response heads are kept as they crossed the wire. Never throws for network or HTTP
/// failures: the outcome says what happened.
/// </summary>
public sealed class HttpFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly FetchOptions _options;
    private readonly HostMap? _hosts;
    private readonly TimeProvider _clock;
    private readonly ResiliencePipeline<AttemptResult> _pipeline;
    private readonly ConcurrentDictionary<string, IPAddress> _addresses = new(StringComparer.OrdinalIgnoreCase);

    public HttpFetcher(FetchOptions options, HostMap? hosts = null, TimeProvider? clock = null)
    {
        _options = options;
        _hosts = hosts;
        _clock = clock ?? TimeProvider.System;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // Decompression happens here, counted, so a bomb is refused instead of unpacked.
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 16,
            UseCookies = false,
            // Only a proxy the recipe names: one picked up from HTTP_PROXY would hide the target from the guard.
            UseProxy = options.Proxy is not null,
            Proxy = options.Proxy is { } proxy ? new WebProxy(proxy) : null,
            ConnectCallback = ConnectAsync,
            PlaintextStreamFilter = (context, _) => ValueTask.FromResult<Stream>(new CapturingStream(context.PlaintextStream)),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _pipeline = new ResiliencePipelineBuilder<AttemptResult> { TimeProvider = _clock }
            .AddRetry(new RetryStrategyOptions<AttemptResult>
            {
                MaxRetryAttempts = Math.Max(1, options.Retries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(options.Retries > 0 && IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Exchange?.RetryAfter is { } wait ? (TimeSpan?)wait : null),
            })
            .Build();
    }

    private bool IsTransient(Outcome<AttemptResult> outcome)
    {
        if (outcome.Exception is { } e) return e is AttemptTimeoutException || (e is HttpRequestException && FindRefusal(e) is null);
        var result = outcome.Result!;
        if (result.Exchange?.RetryAfter is { } wait && wait > _options.MaxRetryAfter) return false;
        return result.Error is null && result.Exchange is { Status: >= 500 or 429 };
    }

    private bool IsProxy(string host, int port) =>
        _options.Proxy is { } p && string.Equals(p.Host, host, StringComparison.OrdinalIgnoreCase) && p.Port == port;

    /// <summary>The addresses a host name stands for: the host map first (like curl's --resolve), else a literal, else DNS.</summary>
    private async Task<IPEndPoint[]> ResolveAsync(string host, int port, CancellationToken ct)
    {
        if (_hosts?.Lookup(host, port) is { } mapped) return [mapped];
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        return addresses.Select(a => new IPEndPoint(a, port)).ToArray();
    }

    /// <summary>Throws when the host resolves to an address the guard refuses (a trusted mapping reaches only its own address).</summary>
    private void Judge(string host, IPEndPoint[] candidates)
    {
        if (_options.AllowPrivateNetworks || _hosts?.IsTrusted(host) == true) return;
        foreach (var c in candidates)
            if (AddressPolicy.WhyRefused(c.Address) is { } why)
                throw new AddressRefusedException($"{host} resolves to {c.Address}, a {why} address (map it with crawl.resolve, or set crawl.allow_private_networks to allow every private address)");
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var candidates = await ResolveAsync(host, context.DnsEndPoint.Port, ct);
        // Checked after resolution, on every new connection: redirects to a new host come through here too. The proxy
        // the recipe names is not judged; the targets behind it are, before each request (see AttemptAsync).
        if (!IsProxy(host, context.DnsEndPoint.Port)) Judge(host, candidates);
        if (candidates.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
        Exception? last = null;
        foreach (var endPoint in candidates)
        {
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endPoint, ct);
                _addresses[host] = endPoint.Address;
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }
        throw last!;
    }

    public async Task<FetchOutcome> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var hops = new List<Exchange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var url = request.Target ?? new Uri(request.Url);
        var attempts = 0;
        while (true)
        {
            if (!seen.Add(url.AbsoluteUri))
                return Failed(request, hops, attempts, $"redirect loop: {url.AbsoluteUri} was already visited in this chain");
            var isFirst = hops.Count == 0;
            AttemptResult result;
            try
            {
                var current = url;
                var hopRequest = isFirst ? request : request with { IfNoneMatch = null, IfModifiedSince = null };
                // The first attempt runs outside the retry pipeline: most requests need no retry, and Polly's machinery
                // per call costs as much as a small fetch. Its outcome is judged by the rule the pipeline uses.
                attempts++;
                Outcome<AttemptResult> first;
                try
                {
                    first = Outcome.FromResult(await AttemptAsync(current, hopRequest, cancellationToken));
                }
                catch (Exception e)
                {
                    first = Outcome.FromException<AttemptResult>(e);
                }
                if (_options.Retries > 0 && IsTransient(first)) result = await RetryAsync(first, current, hopRequest, () => attempts++, cancellationToken);
                else
                {
                    first.ThrowIfException();
                    result = first.Result!;
                }
            }
            catch (AttemptTimeoutException)
            {
                return Failed(request, hops, attempts, $"timed out after {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s ({attempts} attempts) fetching {url.AbsoluteUri}");
            }
            catch (AddressRefusedException e)
            {
                return Failed(request, hops, attempts, $"refused address: {e.Message}") with { AddressRefused = true };
            }
            catch (SocketException e)
            {
                return Failed(request, hops, attempts, $"fetch {url.AbsoluteUri}: {e.Message} ({attempts} attempts)");
            }
            catch (HttpRequestException e)
            {
                var refused = FindRefusal(e);
                return Failed(request, hops, attempts, refused is not null
                    ? $"refused address: {refused.Message}"
                    : $"fetch {url.AbsoluteUri}: {Describe(e)} ({attempts} attempts)") with { AddressRefused = refused is not null };
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed(request, hops, attempts, $"timed out fetching {url.AbsoluteUri}");
            }

            if (result.Error is not null)
                return Failed(request, hops, attempts, result.Error) with { Final = result.Exchange };
            var exchange = result.Exchange!;
            if (exchange.RetryAfter is { } asked && asked > _options.MaxRetryAfter)
                return Failed(request, hops, attempts,
                    $"HTTP {exchange.Status} from {exchange.Url.AbsoluteUri} asks to wait {Seconds(asked)} s (Retry-After), more than crawl.max_retry_after_seconds ({Seconds(_options.MaxRetryAfter)} s): failed rather than retried early")
                    with { Final = exchange, RetryAfter = _options.MaxRetryAfter };
            if (exchange.Status is >= 300 and < 400 && exchange.Status != 304 && exchange.Location is { } location)
            {
                hops.Add(exchange);
                if (hops.Count > _options.MaxRedirects)
                    return Failed(request, hops, attempts, $"more than {_options.MaxRedirects} redirects (last to {location})");
                if (!Uri.TryCreate(url, location, out var next) || next.Scheme is not ("http" or "https"))
                    return Failed(request, hops, attempts, $"redirect to an unusable location '{location}'");
                if (request.RedirectPolicy is { } policy && await policy(next, cancellationToken) is { } refusal)
                    return Failed(request, hops, attempts, $"redirect to {next.AbsoluteUri} refused: {refusal}");
                url = next;
                continue;
            }
            var outcome = new FetchOutcome
            {
                RequestedUrl = request.Url, Hops = hops, Final = exchange, Attempts = attempts, RetryAfter = exchange.RetryAfter,
            };
            if (exchange.Status is < 200 or >= 300)
                return exchange.Status == 304 ? outcome : outcome with { Error = $"HTTP {exchange.Status} from {exchange.Url.AbsoluteUri}" };
            try
            {
                // Without a content coding the body is the payload itself (never changed after the fetch), not a copy.
                var body = string.IsNullOrWhiteSpace(exchange.ContentEncoding) || exchange.ContentEncoding.Trim().Equals("identity", StringComparison.OrdinalIgnoreCase)
                    ? exchange.Payload
                    : ContentDecoder.Decode(exchange.Payload, exchange.ContentEncoding, _options.MaxDecodedBytes);
                return outcome with { Body = body };
            }
            catch (BodyTooLargeException e)
            {
                return outcome with { Error = e.Message };
            }
            catch (InvalidDataException e)
            {
                return outcome with { Error = $"body could not be decoded ({exchange.ContentEncoding}): {e.Message}" };
            }
        }
    }

    /// <summary>
    /// The retries of a hop whose first attempt failed transiently: the pipeline runs as if from the start, its first
    /// call handing back that attempt's outcome, so back-off, Retry-After and the number of attempts are the pipeline's.
    /// </summary>
    private async Task<AttemptResult> RetryAsync(Outcome<AttemptResult> first, Uri url, FetchRequest request, Action counted, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        try
        {
            var replayed = false;
            return await _pipeline.ExecuteAsync(ctx =>
            {
                if (!replayed)
                {
                    replayed = true;
                    return first.Exception is { } e ? ValueTask.FromException<AttemptResult>(e) : ValueTask.FromResult(first.Result!);
                }
                counted();
                return AttemptAsync(url, request, ctx.CancellationToken);
            }, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static FetchOutcome Failed(FetchRequest request, List<Exchange> hops, int attempts, string error) =>
        new() { RequestedUrl = request.Url, Hops = hops, Attempts = attempts, Error = error };

    private static AddressRefusedException? FindRefusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is AddressRefusedException r) return r;
        return null;
    }

    private static string Describe(HttpRequestException e) =>
        e.InnerException is SocketException s ? s.Message : e.HttpRequestError != HttpRequestError.Unknown ? e.HttpRequestError + ": " + e.Message : e.Message;

    /// <summary>
    /// One attempt: wait for the host's turn, judge the target (behind a proxy), then send within the attempt's timeout
    /// and say when it is over, whatever its outcome.
    /// </summary>
    // Pooled state machines (here, in SendAsync and ReadCappedAsync): each is awaited once, by its one caller.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<AttemptResult> AttemptAsync(Uri url, FetchRequest request, CancellationToken ct)
    {
        if (request.BeforeEachRequest is { } pace) await pace(url, ct);
        if (_options.Proxy is not null) Judge(url.Host, await ResolveAsync(url.Host, url.Port, ct));
        // The attempt's timeout: a source (and its timer) reused from attempt to attempt while none fired, tied to the
        // crawl's token by a registration rather than a new linked source per attempt.
        var timeout = _timeouts.TryTake(out var reused) ? reused : new CancellationTokenSource();
        timeout.CancelAfter(_options.RequestTimeout);
        var link = ct.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), timeout);
        try
        {
            return await SendAsync(url, request, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new AttemptTimeoutException();
        }
        finally
        {
            link.Dispose();
            if (timeout.TryReset()) _timeouts.Add(timeout);
            else timeout.Dispose();
            request.AfterEachRequest?.Invoke(url);
        }
    }

    private readonly ConcurrentBag<CancellationTokenSource> _timeouts = [];

    /// <summary>One request/response; the body is read here (within the attempt's timeout), capped.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<AttemptResult> SendAsync(Uri url, FetchRequest request, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        // Added without validation so the header goes out as written (a parsed User-Agent is re-joined with ", ").
        message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        message.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        message.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        if (request.IfNoneMatch is { } etag) message.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (request.IfModifiedSince is { } since) message.Headers.TryAddWithoutValidation("If-Modified-Since", since);
        var at = _clock.GetUtcNow();
        var capture = new WireCapture();
        WireCapture.Current.Value = capture;
        HttpResponseMessage sent;
        try
        {
            sent = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        finally
        {
            WireCapture.Current.Value = null;
        }
        using var response = sent;
        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.ContentType?.ToString();
        var encoding = response.Content.Headers.ContentEncoding.Count > 0 ? string.Join(", ", response.Content.Headers.ContentEncoding) : null;
        byte[] payload = [];
        string? error = null;
        var isRedirect = status is >= 300 and < 400;
        var mediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
        if (status is >= 200 and < 300 && request.AcceptedTypes is { } accepted && (mediaType is null || !accepted.Contains(mediaType)))
            error = $"content-type {mediaType ?? "(none)"} is not accepted";
        else if (response.Content.Headers.ContentLength is { } declared && declared > _options.MaxBodyBytes)
            error = $"body of {declared} bytes exceeds the cap of {_options.MaxBodyBytes} bytes (Content-Length)";
        else if (!isRedirect || status == 304)
        {
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(ct);
                payload = await ReadCappedAsync(body, response.Content.Headers.ContentLength, _options.MaxBodyBytes, ct);
            }
            catch (BodyTooLargeException e)
            {
                error = e.Message;
            }
        }
        var exchange = new Exchange
        {
            Url = url,
            At = at,
            RequestHead = capture.RequestHead ?? RequestHead(message),
            ResponseHead = ArchivedHead(capture.ResponseHead, status) ?? ResponseHead(response),
            Payload = payload,
            Status = status,
            Address = _addresses.GetValueOrDefault(url.Host),
            ContentType = contentType,
            ContentEncoding = encoding,
            Location = response.Headers.Location?.OriginalString,
            ETag = response.Headers.ETag?.ToString(),
            LastModified = response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture),
            RetryAfter = RetryAfter(response, _clock.GetUtcNow()),
        };
        return new AttemptResult(exchange, error);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<byte[]> ReadCappedAsync(Stream body, long? declared, long max, CancellationToken ct)
    {
        if (declared is { } length && length <= max && length <= 1 << 20)
        {
            // The usual case: the length is declared, so the body is read straight into its own array.
            var exact = new byte[length];
            var read = 0;
            while (read < exact.Length)
            {
                var got = await body.ReadAsync(exact.AsMemory(read), ct);
                if (got == 0) return exact[..read];
                read += got;
            }
            // A server that sends more than it declared: keep reading, capped.
            var probe = new byte[1];
            if (await body.ReadAsync(probe, ct) == 0) return exact;
            var rest = new MemoryStream();
            rest.Write(exact);
            rest.Write(probe);
            return await CopyCappedAsync(body, rest, max, ct);
        }
        return await CopyCappedAsync(body, new MemoryStream(), max, ct);
    }

    private static async Task<byte[]> CopyCappedAsync(Stream body, MemoryStream output, long max, CancellationToken ct)
    {
        if (output.Length > max) throw new BodyTooLargeException($"body exceeds the cap of {max} bytes");
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16384);
        try
        {
            int n;
            while ((n = await body.ReadAsync(buffer, ct)) > 0)
            {
                if (output.Length + n > max) throw new BodyTooLargeException($"body exceeds the cap of {max} bytes");
                output.Write(buffer, 0, n);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return output.ToArray();
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)) return null;
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        return null;
    }

    /// <summary>Header name under which a received <c>Transfer-Encoding</c> is kept when the body is stored de-chunked (Common Crawl's convention).</summary>
    public const string KeptTransferEncoding = "X-Crawler-Transfer-Encoding";

    /// <summary>
    /// The response head as received, for the WARC record: status line and header lines in their order, repeats kept.
    /// The body is stored de-chunked, so a <c>Transfer-Encoding</c> line is renamed <see cref="KeptTransferEncoding"/>.
    /// Null when the capture does not hold this response's head.
    /// </summary>
    internal static byte[]? ArchivedHead(byte[]? head, int status)
    {
        if (head is null || head.Length < 12 || !head.AsSpan().StartsWith("HTTP/"u8)) return null;
        var space = head.AsSpan().IndexOf((byte)' ');
        if (space < 0 || space + 4 > head.Length || !int.TryParse(head.AsSpan(space + 1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code != status)
            return null;
        ReadOnlySpan<byte> te = "transfer-encoding:"u8;
        // Most heads have no such line (a declared Content-Length): then the head is kept as it is, not copied.
        if (!HasLine(head, te)) return head;
        var output = new MemoryStream(head.Length + 16);
        var start = 0;
        while (start < head.Length)
        {
            var nl = head.AsSpan(start).IndexOf((byte)'\n');
            var end = nl < 0 ? head.Length : start + nl + 1;
            var line = head.AsSpan(start, end - start);
            if (line.Length >= te.Length && Ascii.EqualsIgnoreCase(line[..te.Length], te))
            {
                output.Write(Encoding.ASCII.GetBytes(KeptTransferEncoding + ":"));
                output.Write(line[te.Length..]);
            }
            else output.Write(line);
            start = end;
        }
        return output.ToArray();
    }

    /// <summary>Whether a line of <paramref name="head"/> starts with <paramref name="name"/> (ASCII, any case).</summary>
    private static bool HasLine(ReadOnlySpan<byte> head, ReadOnlySpan<byte> name)
    {
        while (head.Length > 0)
        {
            if (head.Length >= name.Length && Ascii.EqualsIgnoreCase(head[..name.Length], name)) return true;
            var nl = head.IndexOf((byte)'\n');
            if (nl < 0) return false;
            head = head[(nl + 1)..];
        }
        return false;
    }

    // Only when no head was captured: rebuilt from what HttpClient parsed (repeats re-joined, order not kept).
    private static byte[] RequestHead(HttpRequestMessage message)
    {
        var sb = new StringBuilder();
        sb.Append("GET ").Append(message.RequestUri!.PathAndQuery).Append(" HTTP/1.1\r\n");
        sb.Append("Host: ").Append(message.RequestUri.IsDefaultPort ? message.RequestUri.Host : message.RequestUri.Authority).Append("\r\n");
        foreach (var (name, values) in message.Headers.NonValidated) sb.Append(name).Append(": ").Append(values.ToString()).Append("\r\n");
        sb.Append("\r\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    private static byte[] ResponseHead(HttpResponseMessage response)
    {
        var sb = new StringBuilder();
        sb.Append("HTTP/").Append(response.Version.ToString(2)).Append(' ').Append((int)response.StatusCode).Append(' ')
          .Append(response.ReasonPhrase ?? "").Append("\r\n");
        void Add(HttpHeaders headers)
        {
            foreach (var (name, values) in headers.NonValidated)
            {
                var kept = name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) ? KeptTransferEncoding : name;
                foreach (var value in values) sb.Append(kept).Append(": ").Append(value).Append("\r\n");
            }
        }
        Add(response.Headers);
        Add(response.Content.Headers);
        sb.Append("\r\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>One attempt's result: the exchange, and an error that is final (not worth retrying: cap, content type).</summary>
internal sealed record AttemptResult(Exchange? Exchange, string? Error);

/// <summary>One attempt ran past <see cref="FetchOptions.RequestTimeout"/>.</summary>
internal sealed class AttemptTimeoutException() : Exception("the attempt timed out");
