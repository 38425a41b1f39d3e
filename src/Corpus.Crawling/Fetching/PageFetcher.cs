using System.Net;
using System.Net.Sockets;
using Corpus.Core.Documents;

namespace Corpus.Crawling.Fetching;

/// <summary>Fetches one URL into a <see cref="FetchedPage"/>; never throws for network or HTTP failures.</summary>
public sealed class PageFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeProvider _clock;

    public PageFetcher(string userAgent, TimeSpan timeout, HostMap? hosts = null, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            ConnectTimeout = timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (hosts is not null)
        {
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    if (hosts.TryGet(context.DnsEndPoint.Host, out var local))
                        await socket.ConnectAsync(local, ct);
                    else
                        await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        _client = new HttpClient(handler) { Timeout = timeout };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
    }

    public async Task<FetchedPage> FetchAsync(string url, CancellationToken cancellationToken)
    {
        var fetchedAt = _clock.GetUtcNow();
        try
        {
            using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var page = new FetchedPage
            {
                Url = url,
                FinalUrl = response.RequestMessage?.RequestUri?.AbsoluteUri ?? url,
                Status = (int)response.StatusCode,
                ContentType = response.Content.Headers.ContentType?.ToString(),
                Body = body,
                FetchedAt = fetchedAt,
            };
            return response.IsSuccessStatusCode ? page : page with { Error = $"HTTP {(int)response.StatusCode} from {url}" };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var why = e is TaskCanceledException ? "timed out" : e.Message;
            return new FetchedPage { Url = url, FetchedAt = fetchedAt, Error = $"fetch {url}: {why}" };
        }
    }

    /// <summary>Fetches a text resource (sitemap, feed); null when it cannot be had.</summary>
    public async Task<string?> FetchTextAsync(string url, CancellationToken cancellationToken)
    {
        var page = await FetchAsync(url, cancellationToken);
        if (page.Error is not null) return null;
        var bytes = page.Body.Span;
        if (url.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        {
            using var gz = new System.IO.Compression.GZipStream(new MemoryStream(page.Body.ToArray()), System.IO.Compression.CompressionMode.Decompress);
            using var reader = new StreamReader(gz);
            return await reader.ReadToEndAsync(cancellationToken);
        }
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    public void Dispose() => _client.Dispose();
}
