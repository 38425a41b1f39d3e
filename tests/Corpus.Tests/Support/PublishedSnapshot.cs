using Snapshooter;
using Snapshooter.Core;
using Snapshooter.Core.Serialization;
using Snapshooter.Xunit;

namespace Corpus.Tests.Support;

/// <summary>
/// Snapshooter, storing each snapshot at exactly the path given (<c>schemas/articles/v1.json</c>) instead of under
/// <c>__snapshots__/</c>, because these snapshots are published files that users read. A mismatch is written to
/// <c>__mismatch__/</c> beside it. In CI (<c>CI=true</c>) a missing snapshot fails instead of being recorded.
/// </summary>
public static class PublishedSnapshot
{
    public static void Match(object value, string path)
    {
        var serializer = new SnapshotSerializer(new GlobalSnapshotSettingsResolver());
        var files = new FlatFileHandler();
        var assert = new SnapshotAssert(serializer, files, new SnapshotEnvironmentCleaner(files),
            new JsonSnapshotComparer(new XunitAssert(), serializer), new JsonSnapshotFormatter(serializer));
        assert.AssertSnapshot(value, new SnapshotFullName(Path.GetFileName(path), Path.GetDirectoryName(path)!), new MatchOptions());
    }

    private sealed class FlatFileHandler : ISnapshotFileHandler
    {
        private static string PathOf(SnapshotFullName name) => Path.Combine(name.FolderPath, name.Filename);
        private static string MismatchOf(SnapshotFullName name) => Path.Combine(name.FolderPath, "__mismatch__", name.Filename);

        public string ReadSnapshot(SnapshotFullName name) => File.Exists(PathOf(name)) ? File.ReadAllText(PathOf(name)) : null!;

        public bool TryReadSnapshot(SnapshotFullName name, out string snapshot)
        {
            snapshot = ReadSnapshot(name);
            return snapshot is not null;
        }

        public string SaveNewSnapshot(SnapshotFullName name, string snapshot)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
                throw new InvalidOperationException($"Snapshot {PathOf(name)} does not exist; record it locally and commit it.");
            Directory.CreateDirectory(name.FolderPath);
            File.WriteAllText(PathOf(name), snapshot);
            return PathOf(name);
        }

        public string SaveMismatchSnapshot(SnapshotFullName name, string snapshot)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(MismatchOf(name))!);
            File.WriteAllText(MismatchOf(name), snapshot);
            return MismatchOf(name);
        }

        public void DeleteSnapshot(SnapshotFullName name)
        {
            if (File.Exists(MismatchOf(name))) File.Delete(MismatchOf(name));
        }

        public void DeleteSnapshotSubfolder(SnapshotFullName name, string subfolder) => DeleteSnapshot(name);
    }
}
