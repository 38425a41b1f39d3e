using Corpus.Core;

namespace Corpus.Cli.Commands;

/// <summary>
/// Checks, before any work starts, that a command can write where it was told to: the folder (or the file's folder)
/// exists or can be made, is a folder, is writable and has room. Each problem is one sentence naming the path (exit 1),
/// not an internal error after an hour of crawling.
/// </summary>
public static class OutputLocation
{
    /// <summary>Room a release needs at the very least; a fuller disk is reported before the build.</summary>
    private const long MinimumFreeBytes = 1 << 20;

    /// <summary>For an output folder such as <c>--out DIR</c>: DIR may be missing, but its parent must exist.</summary>
    public static void EnsureWritableFolder(string folder, string what = "--out")
    {
        var full = Path.GetFullPath(folder);
        if (File.Exists(full)) throw new CorpusUserException($"{what} {full} is a file, not a folder: give a folder (it is created if missing).");
        var existing = full;
        if (!Directory.Exists(full))
        {
            var parent = Path.GetDirectoryName(full);
            if (parent is null || !Directory.Exists(parent))
                throw new CorpusUserException($"{what} {full} cannot be created: its parent folder {parent} does not exist.");
            existing = parent;
        }
        Probe(existing, what, full);
    }

    /// <summary>For an output file such as <c>--out FILE</c>: its folder must exist and be writable, and FILE must not be a folder.</summary>
    public static void EnsureWritableFile(string file, string what = "--out")
    {
        var full = Path.GetFullPath(file);
        if (Directory.Exists(full)) throw new CorpusUserException($"{what} {full} is a folder, not a file.");
        var parent = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(parent)) throw new CorpusUserException($"{what} {full} cannot be written: its folder {parent} does not exist.");
        Probe(parent, what, full);
    }

    private static void Probe(string folder, string what, string target)
    {
        var probe = Path.Combine(folder, $".corpus-write-check-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.DeleteOnClose))
            {
                // Written through to the kernel, not synced to the disk: an fsync here cost every command 5-700 ms of wall
                // time on a busy disk, and a disk too full to hold the release is caught by the free-space check below.
                stream.Write(new byte[4096]);
                stream.Flush();
            }
        }
        catch (UnauthorizedAccessException)
        {
            throw new CorpusUserException($"{what} {target} is not writable: {folder} does not allow this user to write (check its permissions, or give another {what}).");
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            throw new CorpusUserException($"{what} {target} cannot be written: the disk holding {folder} is full.");
        }
        catch (IOException e)
        {
            throw new CorpusUserException($"{what} {target} cannot be written: {e.Message}");
        }
        finally
        {
            try { File.Delete(probe); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        if (FreeBytes(folder) is { } free && free < MinimumFreeBytes)
            throw new CorpusUserException($"{what} {target} cannot be written: the disk holding {folder} is full ({free:N0} bytes free).");
    }

    /// <summary>ENOSPC (28) or EDQUOT (122) on Unix, ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.</summary>
    public static bool IsDiskFull(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 0x70 or 0x27 : e.HResult is 28 or 122;

    private static long? FreeBytes(string folder)
    {
        try { return new DriveInfo(folder).AvailableFreeSpace; }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException) { return null; }
    }
}
