using Corpus.Core.Documents;
using Corpus.Extraction.Content;
using Corpus.Text.Promos;

namespace Corpus.Extraction.Files;

/// <summary>What <c>corpus extract</c> says about one file: the article and its final text, or why it failed.</summary>
public sealed record FileExtraction(string Source, ExtractedArticle? Article, string Text, int PromosRemoved, IReadOnlyList<RemovedBlock> PromoLines, string? Error);

/// <summary>
/// Extracts a file from disk the way a build extracts a fetched page, then applies the cleaning stage's text pass, so
/// the text is what the corpus would hold. Unreadable files and failed pages come back with an error, never throw.
/// </summary>
public sealed class FileExtractor(ArticleExtractor extractor, PromoLineRemover promoLines)
{
    public FileExtraction Extract(string path, string? pageUrl = null, bool explain = false)
    {
        byte[] bytes;
        try
        {
            bytes = HtmlFiles.ReadBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new FileExtraction(path, null, "", 0, [], $"cannot read {path}: {e.Message}");
        }
        if (InputSniffer.WhyNotHtml(bytes) is { } notHtml) return new FileExtraction(path, null, "", 0, [], $"{path}: {notHtml}");
        var url = pageUrl ?? new Uri(Path.GetFullPath(path)).AbsoluteUri;
        var page = new FetchedPage { Url = url, Status = 200, ContentType = "text/html", Body = bytes, FetchedAt = File.GetLastWriteTimeUtc(path) };
        var article = extractor.Analyze(page, explain);
        if (article.Document.Disposition == Disposition.Failed)
            return new FileExtraction(path, article, "", 0, [], article.Document.Error);
        // The text pass exactly as the cleaning stage runs it; the lines it took are listed for --explain.
        var (text, count) = promoLines.Remove(article.Document.Text);
        var remaining = text.Split('\n').GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var removed = new List<RemovedBlock>();
        foreach (var line in article.Document.Text.Split('\n'))
        {
            if (remaining.TryGetValue(line, out var n) && n > 0) remaining[line] = n - 1;
            else removed.Add(new RemovedBlock("promo.text_pass", line));
        }
        return new FileExtraction(path, article, text, article.Content.Promos.Count + count, removed, null);
    }
}
