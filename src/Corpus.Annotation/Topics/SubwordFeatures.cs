using System.Text;
using Corpus.Annotation.Counts;
using Corpus.Annotation.Features;

namespace Corpus.Annotation.Topics;

/// <summary>
/// o200k_base tokens as topic features, hashed into the regression's buckets beside its word and character n-grams.
/// The tokenizer was fitted on many languages at once, so names, numbers and frequent stems get one token whatever the
/// language around them, a sharing the per-word n-grams only approximate. A model trained with them records
/// <see cref="Property"/> so that scoring computes them too.
/// </summary>
public static class SubwordFeatures
{
    /// <summary>The model property naming the token features: <see cref="Tokens"/> or <see cref="TokenPairs"/>.</summary>
    public const string Property = "subwords";
    /// <summary>Each token of the text.</summary>
    public const string Tokens = "o200k";
    /// <summary>The tokens of each word the vocabulary splits in two or more, and each pair of neighbouring tokens in it.</summary>
    public const string TokenPairs = "o200k+pairs";

    /// <summary>A piece longer than this (a run of letters with no space, rare in prose) gives no tokens: the merge is quadratic in it.</summary>
    private const int MaxPiece = 64;
    private const uint TokenSalt = 0x2545F491u;
    private const uint PairSalt = 0x6C8E9CF5u;

    /// <summary>The token features <paramref name="learned"/> was trained with, or null.</summary>
    public static string? Of(LinearModel learned) => learned.Properties.TryGetValue(Property, out var v) ? v : null;

    /// <summary>Whether <paramref name="value"/> names token features this build computes.</summary>
    public static bool Known(string value) => value is Tokens or TokenPairs;

    /// <summary>The kinds this build computes, for messages.</summary>
    public const string KnownKinds = $"'{Tokens}' or '{TokenPairs}'";

    /// <summary>At most how many buckets <see cref="Collect"/> writes for a text of <paramref name="length"/> characters (a token is at least one UTF-8 byte, at most 3 per character).</summary>
    public static int Capacity(int length, string? kind) => kind is null ? 0 : (kind == TokenPairs ? 6 : 3) * length + 16;

    /// <summary>Writes the bucket of every token (and token pair) of <paramref name="text"/> into <paramref name="into"/>; returns how many.</summary>
    public static int Collect(ReadOnlySpan<char> text, string kind, int buckets, Span<int> into)
    {
        var sink = new BucketList(into);
        Collect(text, kind, buckets, ref sink);
        return sink.Count;
    }

    /// <summary>Hands the bucket of every token (and token pair) of <paramref name="text"/> to <paramref name="sink"/>, in text order.</summary>
    internal static void Collect<TSink>(ReadOnlySpan<char> text, string kind, int buckets, ref TSink sink) where TSink : IBucketSink, allows ref struct
    {
        var ranks = BytePairRanks.O200k;
        var pairs = kind == TokenPairs;
        var mask = (uint)(buckets - 1);
        Span<byte> bytes = stackalloc byte[MaxPiece * 3];
        Span<int> tokens = stackalloc int[MaxPiece * 3];
        var i = 0;
        while (i < text.Length)
        {
            var end = O200kPieces.Next(text, i);
            var piece = text[i..end];
            i = end;
            if (piece.Length > MaxPiece || piece.IsWhiteSpace()) continue;
            var length = Encoding.UTF8.GetBytes(piece, bytes);
            var count = ranks.Encode(bytes[..length], tokens);
            // With pairs, a word that is one token adds nothing: it is already a word feature, and counting it again
            // cost Indonesian and Malay sentences in cross-validation (docs/history/annotation.md).
            if (pairs && count == 1) continue;
            for (var t = 0; t < count; t++)
            {
                sink.Add((int)(HashedFeatures.Mix((uint)tokens[t] * 0x9E3779B1u ^ TokenSalt) & mask));
                if (pairs && t > 0) sink.Add((int)(HashedFeatures.Mix(((uint)tokens[t - 1] * 0x85EBCA77u) ^ ((uint)tokens[t] * 0xC2B2AE3Du) ^ PairSalt) & mask));
            }
        }
    }
}
