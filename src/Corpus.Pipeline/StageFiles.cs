namespace Corpus.Pipeline;

/// <summary>
/// A task's output folder appears whole or not at all: the task writes into a fresh temporary folder beside it and
/// renames it into place at the end. Whatever a killed attempt left (its temporary folder, or a published folder
/// whose done marker it never wrote) is deleted when the task starts again.
/// </summary>
public static class StageFiles
{
    public static string FreshTemp(string folder)
    {
        var parent = Path.GetDirectoryName(folder)!;
        var name = Path.GetFileName(folder);
        Directory.CreateDirectory(parent);
        foreach (var stale in Directory.EnumerateDirectories(parent, $".tmp-{name}-*")) Directory.Delete(stale, recursive: true);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var temp = Path.Combine(parent, $".tmp-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        return temp;
    }

    public static void Publish(string temp, string folder) => Directory.Move(temp, folder);
}
