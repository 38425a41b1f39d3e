using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Corpus.Crawling.Safety;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Corpus.Crawling.Fetching;

/// <summary>Per request: conditional headers, and a check on each redirect target before it is followed.</summary>
public sealed record FetchRequest(string Url)
{
    public string? IfNoneMatch { get; init; }
    public string? IfModifiedSince { get; init; }
    /// <summary>Media types to download; a response of another type is refused before its body is read. Null: any.</summary>
    public IReadOnlySet<string>? AcceptedTypes { get; init; }
    /// <summary>Says why a redirect target may not be followed (host not allowed ...), or null to follow it.</summary>
    public Func<Uri, string?>? RedirectPolicy { get; init; }
}

/// <summary>
/// The one HTTP client of a crawl: a single <see cref="SocketsHttpHandler"/> (pooled connections), redirects followed
/// by hand so each hop is recorded and checked, resolved addresses checked on every new connection (SSRF), bodies and
/// decompression capped, retries with exponential back-off and jitter by Polly. Never throws for network or HTTP
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
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _pipeline = new ResiliencePipelineBuilder<AttemptResult>()
            .AddRetry(new RetryStrategyOptions<AttemptResult>
            {
                MaxRetryAttempts = Math.Max(1, options.Retries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(options.Retries > 0 && IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Exchange?.RetryAfter is { } wait ? (TimeSpan?)wait : null),
            })
            .AddTimeout(options.RequestTimeout)
            .Build();
    }

    private static bool IsTransient(Outcome<AttemptResult> outcome)
    {
        if (outcome.Exception is { } e) return e is TimeoutRejectedException || (e is HttpRequestException && FindRefusal(e) is null);
        var result = outcome.Result!;
        return result.Error is null && result.Exchange is { Status: >= 500 or 429 };
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        IPEndPoint[] candidates;
        if (_hosts is not null && _hosts.TryGet(host, out var mapped)) candidates = [mapped];
        else
        {
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            candidates = addresses.Select(a => new IPEndPoint(a, context.DnsEndPoint.Port)).ToArray();
        }
        if (!_options.AllowPrivateNetworks && _hosts?.IsTrusted(host) != true)
        {
            // Checked after resolution, on every new connection: redirects to a new host come through here too.
            foreach (var c in candidates)
                if (AddressPolicy.WhyRefused(c.Address) is { } why)
                    throw new AddressRefusedException($"{host} resolves to {c.Address}, a {why} address (set crawl.allow_private_networks to allow)");
        }
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
        var url = new Uri(request.Url);
        var attempts = 0;
        while (true)
        {
            if (!seen.Add(url.AbsoluteUri))
                return Failed(request, hops, attempts, $"redirect loop: {url.AbsoluteUri} was already visited in this chain");
            var isFirst = hops.Count == 0;
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            AttemptResult result;
            try
            {
                var current = url;
                var hopRequest = isFirst ? request : request with { IfNoneMatch = null, IfModifiedSince = null };
                result = await _pipeline.ExecuteAsync(ctx =>
                {
                    attempts++;
                    return new ValueTask<AttemptResult>(AttemptAsync(current, hopRequest, ctx.CancellationToken));
                }, context);
            }
            catch (TimeoutRejectedException)
            {
                return Failed(request, hops, attempts, $"timed out after {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s ({attempts} attempts) fetching {url.AbsoluteUri}");
            }
            catch (HttpRequestException e)
            {
                var refused = FindRefusal(e);
                return Failed(request, hops, attempts, refused is not null
                    ? $"refused address: {refused.Message}"
                    : $"fetch {url.AbsoluteUri}: {Describe(e)} ({attempts} attempts)");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed(request, hops, attempts, $"timed out fetching {url.AbsoluteUri}");
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            if (result.Error is not null)
                return Failed(request, hops, attempts, result.Error) with { Final = result.Exchange };
            var exchange = result.Exchange!;
            if (exchange.Status is >= 300 and < 400 && exchange.Status != 304 && exchange.Location is { } location)
            {
                hops.Add(exchange);
                if (hops.Count > _options.MaxRedirects)
                    return Failed(request, hops, attempts, $"more than {_options.MaxRedirects} redirects (last to {location})");
                if (!Uri.TryCreate(url, location, out var next) || next.Scheme is not ("http" or "https"))
                    return Failed(request, hops, attempts, $"redirect to an unusable location '{location}'");
                if (request.RedirectPolicy?.Invoke(next) is { } refusal)
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
                return outcome with { Body = ContentDecoder.Decode(exchange.Payload, exchange.ContentEncoding, _options.MaxDecodedBytes) };
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

    /// <summary>One request/response; the body is read here (within the attempt's timeout), capped.</summary>
    private async Task<AttemptResult> AttemptAsync(Uri url, FetchRequest request, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        message.Headers.UserAgent.ParseAdd(_options.UserAgent);
        message.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        message.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        if (request.IfNoneMatch is { } etag) message.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (request.IfModifiedSince is { } since) message.Headers.TryAddWithoutValidation("If-Modified-Since", since);
        var at = _clock.GetUtcNow();
        using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
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
                payload = await ReadCappedAsync(body, _options.MaxBodyBytes, ct);
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
            RequestHead = RequestHead(message),
            ResponseHead = ResponseHead(response, payload.Length),
            Payload = payload,
            Status = status,
            Address = _addresses.GetValueOrDefault(url.Host),
            ContentType = contentType,
            ContentEncoding = encoding,
            Location = response.Headers.Location?.OriginalString,
            ETag = response.Headers.ETag?.ToString(),
            LastModified = response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture),
            RetryAfter = RetryAfter(response, _clock.GetUtcNow()) is { } wait ? (wait > _options.MaxRetryAfter ? _options.MaxRetryAfter : wait) : null,
        };
        return new AttemptResult(exchange, error);
    }

    private static async Task<byte[]> ReadCappedAsync(Stream body, long max, CancellationToken ct)
    {
        var output = new MemoryStream();
        var buffer = new byte[16384];
        int n;
        while ((n = await body.ReadAsync(buffer, ct)) > 0)
        {
            if (output.Length + n > max) throw new BodyTooLargeException($"body exceeds the cap of {max} bytes");
            output.Write(buffer, 0, n);
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

    private static byte[] RequestHead(HttpRequestMessage message)
    {
        var sb = new StringBuilder();
        sb.Append("GET ").Append(message.RequestUri!.PathAndQuery).Append(" HTTP/1.1\r\n");
        sb.Append("Host: ").Append(message.RequestUri.IsDefaultPort ? message.RequestUri.Host : message.RequestUri.Authority).Append("\r\n");
        foreach (var (name, values) in message.Headers) sb.Append(name).Append(": ").Append(string.Join(", ", values)).Append("\r\n");
        sb.Append("\r\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    private static byte[] ResponseHead(HttpResponseMessage response, int payloadLength)
    {
        var sb = new StringBuilder();
        sb.Append("HTTP/").Append(response.Version.ToString(2)).Append(' ').Append((int)response.StatusCode).Append(' ')
          .Append(response.ReasonPhrase ?? "").Append("\r\n");
        void Add(HttpHeaders headers)
        {
            foreach (var (name, values) in headers)
            {
                // The body is stored de-chunked, so the framing header would lie; record the length it has instead.
                if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
                sb.Append(name).Append(": ").Append(string.Join(", ", values)).Append("\r\n");
            }
        }
        Add(response.Headers);
        Add(response.Content.Headers);
        sb.Append("Content-Length: ").Append(payloadLength.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>One attempt's result: the exchange, and an error that is final (not worth retrying: cap, content type).</summary>
internal sealed record AttemptResult(Exchange? Exchange, string? Error);
