namespace Corpus.Crawling.Warc;

/// <summary>A WARC file that does not follow the format, with the file and the byte offset where reading stopped.</summary>
public sealed class WarcFormatException(string file, long offset, string problem)
    : Corpus.Core.CorpusUserException($"{file} at byte {offset}: {problem}");
