using System.IO.Compression;

namespace Corpus.Extraction.Files;

/// <summary>HTML files on disk: which paths are inputs, and their bytes (gzip undone when the file is gzipped).</summary>
public static class HtmlFiles
{
    private static readonly string[] Extensions = [".html", ".htm", ".html.gz", ".htm.gz"];

    public static bool IsHtmlPath(string path) => Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Files as given, and the HTML files under directories (recursive, sorted so runs are deterministic). A path that
    /// does not exist is returned as is, so the caller reports it as a failed input rather than skipping it.
    /// </summary>
    public static IEnumerable<string> Expand(IEnumerable<string> inputs)
    {
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                foreach (var file in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                             .Where(IsHtmlPath).Order(StringComparer.Ordinal))
                    yield return file;
            }
            else yield return input;
        }
    }

    /// <summary>The file's bytes; gzip is recognised by its magic number, whatever the name says.</summary>
    public static byte[] ReadBytes(string path)
    {
        var raw = File.ReadAllBytes(path);
        if (raw.Length < 2 || raw[0] != 0x1F || raw[1] != 0x8B) return raw;
        using var gz = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
        using var result = new MemoryStream();
        gz.CopyTo(result);
        if (InputSniffer.WhyTruncatedGzip(raw, result.Length) is { } truncated) throw new InvalidDataException(truncated);
        return result.ToArray();
    }

    /// <summary>The key of a benchmark page: its file name without .html / .html.gz.</summary>
    public static string KeyOf(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var e in Extensions.OrderByDescending(e => e.Length))
            if (name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) return name[..^e.Length];
        return name;
    }
}
