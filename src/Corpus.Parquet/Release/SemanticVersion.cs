using System.Globalization;
using System.Text.RegularExpressions;
using Corpus.Core;

namespace Corpus.Parquet.Release;

/// <summary>A release version, MAJOR.MINOR.PATCH, ordered numerically (1.10.0 after 1.9.0).</summary>
public readonly partial record struct SemanticVersion(int Major, int Minor, int Patch) : IComparable<SemanticVersion>
{
    public static bool TryParse(string text, out SemanticVersion version)
    {
        var m = Pattern().Match(text);
        version = m.Success
            ? new SemanticVersion(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))
            : default;
        return m.Success;
    }

    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new CorpusUserException($"'{text}' is not a version like 1.2.3.");

    public SemanticVersion Bump(string part) => part switch
    {
        "major" => new(Major + 1, 0, 0),
        "minor" => new(Major, Minor + 1, 0),
        "patch" => new(Major, Minor, Patch + 1),
        _ => throw new CorpusUserException($"--bump takes major, minor or patch, not '{part}'."),
    };

    public int CompareTo(SemanticVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor != other.Minor ? Minor.CompareTo(other.Minor) : Patch.CompareTo(other.Patch);

    public override string ToString() => $"{Major}.{Minor}.{Patch}";

    /// <summary>The published releases under a releases folder (folders named X.Y.Z holding a manifest), oldest first.</summary>
    public static IReadOnlyList<SemanticVersion> Published(string releasesRoot) =>
        !Directory.Exists(releasesRoot) ? [] :
        Directory.GetDirectories(releasesRoot)
            .Where(d => File.Exists(Path.Combine(d, "manifest.json")))
            .Select(d => TryParse(Path.GetFileName(d), out var v) ? v : (SemanticVersion?)null)
            .OfType<SemanticVersion>()
            .Order()
            .ToList();

    [GeneratedRegex(@"^(\d+)\.(\d+)\.(\d+)$")]
    private static partial Regex Pattern();
}
