namespace Corpus.Cli.Commands;

/// <summary>
/// <c>--in -</c> for commands that read their input more than once (dedup's stages): standard input is copied once
/// into a temporary file, deleted when the command ends. Any other path is used as it is.
/// </summary>
public sealed class StandardInput : IAsyncDisposable
{
    private readonly bool _temporary;

    public string Path { get; }

    private StandardInput(string path, bool temporary) => (Path, _temporary) = (path, temporary);

    public static async Task<StandardInput> SpoolIfDashAsync(string path, CancellationToken ct)
    {
        if (path != "-") return new StandardInput(path, temporary: false);
        var folder = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "corpus-stdin")).FullName;
        var file = System.IO.Path.Combine(folder, $"stdin-{Guid.NewGuid():N}.jsonl");
        await using (var target = File.Create(file))
        await using (var stdin = Console.OpenStandardInput())
            await stdin.CopyToAsync(target, ct);
        return new StandardInput(file, temporary: true);
    }

    public ValueTask DisposeAsync()
    {
        if (_temporary) try { File.Delete(Path); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
