namespace Corpus.Crawling.Warc;

/// <summary>A gzip member's header (RFC 1952 §2.3), checked and skipped up to its deflate data, for either inflater.</summary>
internal static class GzipHeader
{
    /// <param name="first">The member's first byte, already read.</param>
    /// <param name="next">The file's next byte, or -1 at its end.</param>
    public static void Skip(int first, Func<int> next, string name, long at)
    {
        int Next() => next() is var b && b >= 0 ? b : throw new WarcFormatException(name, at, "gzip header is truncated.");
        if (first != 0x1f || Next() != 0x8b) throw new WarcFormatException(name, at, "not a gzip member (a .warc.gz must be gzip throughout).");
        if (Next() != 8) throw new WarcFormatException(name, at, "gzip member is not deflate-compressed.");
        var flags = Next();
        for (var i = 0; i < 6; i++) Next(); // mtime, xfl, os
        if ((flags & 4) != 0)
        {
            var xlen = Next() | (Next() << 8);
            for (var i = 0; i < xlen; i++) Next();
        }
        if ((flags & 8) != 0) while (Next() != 0) { }
        if ((flags & 16) != 0) while (Next() != 0) { }
        if ((flags & 2) != 0) { Next(); Next(); }
    }
}
