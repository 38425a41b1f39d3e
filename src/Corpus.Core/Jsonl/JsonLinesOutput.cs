using System.Text;

namespace Corpus.Core.Jsonl;

/// <summary>
/// An output file that appears only when the command finishes: lines go to a hidden temporary file beside the target,
/// which <see cref="Commit"/> flushes to disk and renames over the target. Disposed without a commit (a bad input line,
/// a cancel), the temporary file is deleted and an existing target is left as it was: never a partial output.
/// Path <c>-</c> (or null) is standard output, written as it comes; so is a device (<c>/dev/null</c>, <c>/dev/stdout</c>,
/// <c>/proc/self/fd/N</c>), since renaming a file over one would replace the device with a file.
/// </summary>
public sealed class JsonLinesOutput : IAsyncDisposable
{
    private readonly string? _target;
    private readonly string? _temporary;
    private readonly FileStream? _file;
    private bool _committed;

    public TextWriter Writer { get; }

    private JsonLinesOutput(string? target, TextWriter? standardOutput = null)
    {
        if (target is null or "-")
        {
            Writer = standardOutput ?? JsonLines.OpenWriter(null);
            return;
        }
        _target = Path.GetFullPath(target);
        if (WritesInPlace(_target))
        {
            try
            {
                _file = new FileStream(_target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CorpusUserException($"{target} cannot be written: {e.Message}");
            }
            Writer = new StreamWriter(_file, new UTF8Encoding(false), 1 << 16);
            return;
        }
        var folder = Path.GetDirectoryName(_target)!;
        if (Directory.Exists(_target)) throw new CorpusUserException($"{target} is a folder, not a file.");
        if (!Directory.Exists(folder)) throw new CorpusUserException($"{target} cannot be written: its folder {folder} does not exist.");
        _temporary = Path.Combine(folder, $".{Path.GetFileName(_target)}.tmp-{Guid.NewGuid():N}");
        try
        {
            _file = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CorpusUserException($"{target} cannot be written: {folder} does not allow this user to write.");
        }
        Writer = new StreamWriter(_file, new UTF8Encoding(false), 1 << 16);
    }

    public static JsonLinesOutput Open(string? path) => new(path);

    /// <summary>True for a path under <c>/dev</c> or <c>/proc</c> (outside Windows): a device or a process's stream, written directly.</summary>
    public static bool WritesInPlace(string fullPath) =>
        !OperatingSystem.IsWindows() && (fullPath.StartsWith("/dev/", StringComparison.Ordinal) || fullPath.StartsWith("/proc/", StringComparison.Ordinal));

    /// <summary>As <see cref="Open(string?)"/>, with <paramref name="standardOutput"/> (the command's output) for <c>-</c> or null.</summary>
    public static JsonLinesOutput Open(string? path, TextWriter standardOutput) => new(path, standardOutput);

    /// <summary>Flushes the lines to disk and puts the file in place (replacing an older one).</summary>
    public void Commit()
    {
        Writer.Flush();
        if (_file is null) return;
        if (_temporary is null)
        {
            Writer.Dispose();
            return;
        }
        _file.Flush(flushToDisk: true);
        Writer.Dispose();
        File.Move(_temporary!, _target!, overwrite: true);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is null)
        {
            await Writer.FlushAsync();
            return;
        }
        if (_temporary is null)
        {
            await Writer.DisposeAsync();
            return;
        }
        if (!_committed)
        {
            await Writer.DisposeAsync();
            try { File.Delete(_temporary!); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
