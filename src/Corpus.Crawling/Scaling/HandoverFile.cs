using System.Globalization;
using System.Text;
using Corpus.Core;
using Corpus.Crawling.Frontier;

namespace Corpus.Crawling.Scaling;

/// <summary>
/// A handover file: the URLs one crawl task found on hosts another task owns, as tab-separated lines
/// <c>url kind depth priority discovered_from hint</c> under a header line, sorted by URL. Written to a <c>.tmp</c>
/// file and renamed, so a reader never sees half a file and writing it again gives the same bytes.
/// </summary>
public static class HandoverFile
{
    public const string Extension = ".tsv";
    private const string Header = "url\tkind\tdepth\tpriority\tdiscovered_from\thint";

    public static void Write(string path, IEnumerable<NewUrl> urls)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var u in urls.OrderBy(u => u.Url, StringComparer.Ordinal))
        {
            string[] fields = [u.Url, u.Kind, u.Depth.ToString(CultureInfo.InvariantCulture), u.Priority.ToString(CultureInfo.InvariantCulture), u.DiscoveredFrom ?? "", u.Hint ?? ""];
            // Normalised URLs are percent-encoded and never hold a tab or line break; a hint could, so refuse rather than corrupt.
            if (fields.Any(f => f.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0))
                throw new InvalidOperationException($"cannot hand over {u.Url}: a field holds a tab or line break");
            text.AppendJoin('\t', fields).Append('\n');
        }
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, text.ToString(), new UTF8Encoding(false));
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Every URL in the <c>*.tsv</c> files of a folder (file name order, then line order); none when it does not exist.</summary>
    public static IReadOnlyList<NewUrl> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        var files = Directory.GetFiles(folder).Where(f => f.EndsWith(Extension, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        return files.SelectMany(Read).ToList();
    }

    public static IEnumerable<NewUrl> Read(string path)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1)
            {
                if (line != Header) throw new CorpusUserException($"{path}: line 1 is not a handover header ('{Header.Replace("\t", "<tab>")}').");
                continue;
            }
            if (line.Length == 0) continue;
            var f = line.Split('\t');
            if (f.Length != 6 || f[0].Length == 0 || f[1].Length == 0
                || !int.TryParse(f[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var depth)
                || !int.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority)
                || !Uri.TryCreate(f[0], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new CorpusUserException($"{path}: line {lineNumber} is not 'url, kind, depth, priority, discovered_from, hint' separated by tabs, with an http(s) URL.");
            yield return new NewUrl(f[0], f[1], depth, f[4].Length == 0 ? null : f[4], priority, f[5].Length == 0 ? null : f[5]);
        }
    }
}
