using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Corpus.Tests.Reporting;

/// <summary>
/// Debian's <c>chromium</c>, headless, driven over the DevTools protocol (a WebSocket, no package): open a page, collect
/// every console error, uncaught exception, failed or non-local request, read the DOM, take screenshots. Every wait is
/// for a protocol message (the load event, a reply), bounded by a cancellation token, never a sleep.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _replies = new();
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;
    private Task? _receiving;

    private HeadlessChromium(Process process, string profile) => (_process, _profile) = (process, profile);

    /// <summary>Console errors, exceptions, failed loads and HTTP errors seen since the page was opened.</summary>
    public IReadOnlyList<string> Problems => _problems.ToList();

    /// <summary>Every URL the page requested (the page itself included).</summary>
    public IReadOnlyList<string> Requests => _requests.ToList();

    public static bool IsInstalled => File.Exists(Executable);

    public static async Task<HeadlessChromium> StartAsync(CancellationToken ct)
    {
        var profile = Path.Combine(Path.GetTempPath(), "corpus-tests", "chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank",
                 })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start");
        var browser = new HeadlessChromium(process, profile);
        try
        {
            // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" once it is ready.
            var stderr = new StringBuilder();
            string? endpoint = null;
            while (endpoint is null && await process.StandardError.ReadLineAsync(ct) is { } line)
            {
                stderr.AppendLine(line);
                if (line.StartsWith("DevTools listening on ", StringComparison.Ordinal)) endpoint = line["DevTools listening on ".Length..].Trim();
            }
            if (endpoint is null) throw new InvalidOperationException($"chromium exited without a DevTools endpoint:\n{stderr}");
            _ = DrainAsync(process.StandardError);
            var port = new Uri(endpoint).Port;
            using var http = new HttpClient();
            var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list", ct))!.AsArray();
            var page = targets.First(t => (string?)t!["type"] == "page")!;
            await browser._socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), ct);
            browser._receiving = browser.ReceiveAsync();
            foreach (var domain in new[] { "Page", "Runtime", "Log", "Network" }) await browser.SendAsync($"{domain}.enable", null, ct);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> and returns once its load event has fired.</summary>
    public async Task OpenAsync(string url, CancellationToken ct)
    {
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reply = await SendAsync("Page.navigate", new JsonObject { ["url"] = url }, ct);
        if (reply["errorText"] is { } error) _problems.Enqueue($"navigation failed: {error}");
        await _loaded.Task.WaitAsync(ct);
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken ct)
    {
        var reply = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, ct);
        if (reply["exceptionDetails"] is { } e) throw new InvalidOperationException($"'{expression}' threw: {e.ToJsonString()}");
        return reply["result"]?["value"]?.DeepClone();
    }

    /// <summary>A PNG of the whole page laid out at <paramref name="width"/> CSS pixels (a phone when <paramref name="mobile"/>).</summary>
    public async Task<byte[]> ScreenshotAsync(int width, bool mobile, CancellationToken ct)
    {
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject
        {
            ["width"] = width, ["height"] = 900, ["deviceScaleFactor"] = 1, ["mobile"] = mobile,
        }, ct);
        var height = (int)Math.Ceiling((double)(await EvaluateAsync("document.documentElement.scrollHeight", ct))!);
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png", ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 },
        }, ct);
        return Convert.FromBase64String((string)shot["data"]!);
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject? parameters, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _replies[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, ct);
        var answer = await reply.Task.WaitAsync(ct);
        if (answer["error"] is { } error) throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        return answer["result"]?.AsObject() ?? new JsonObject();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var r = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage) continue;
                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (json["id"] is { } id && _replies.TryRemove((int)id, out var reply)) reply.TrySetResult(json);
                else if (json["method"] is { } method) OnEvent((string)method!, json["params"]?.AsObject() ?? new JsonObject());
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the browser went away; pending replies fail below
        }
        foreach (var pending in _replies.Values) pending.TrySetException(new InvalidOperationException("chromium closed the DevTools connection"));
    }

    private void OnEvent(string method, JsonObject p)
    {
        switch (method)
        {
            case "Page.loadEventFired":
                _loaded.TrySetResult();
                break;
            case "Runtime.consoleAPICalled" when (string?)p["type"] is "error" or "assert":
                _problems.Enqueue($"console.{p["type"]}: {(p["args"]?.ToJsonString())}");
                break;
            case "Runtime.exceptionThrown":
                _problems.Enqueue($"uncaught exception: {(p["exceptionDetails"]?.ToJsonString())}");
                break;
            case "Log.entryAdded" when Text(p["entry"], "level") == "error":
                var entry = p["entry"]!;
                _problems.Enqueue($"log error: {entry["text"]} ({entry["url"]})");
                break;
            case "Network.requestWillBeSent":
                _requests.Enqueue((string?)p["request"]?["url"] ?? "");
                break;
            case "Network.loadingFailed":
                _problems.Enqueue($"failed load: {p["errorText"]} ({p["type"]})");
                break;
            case "Network.responseReceived" when (int?)p["response"]!["status"] is >= 400:
                var response = p["response"]!;
                _problems.Enqueue($"HTTP {response["status"]}: {response["url"]}");
                break;
        }
    }

    private static string? Text(JsonNode? node, string name) => node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync() is not null) { }
        }
        catch (ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException) { }
        _socket.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        if (_receiving is not null) await _receiving;
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
