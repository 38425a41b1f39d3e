using Corpus.Core.Recipes;

namespace Corpus.Dedup.MinHash;

/// <summary>
/// Shingle size and LSH banding. With b bands of r rows, a pair of Jaccard similarity s becomes a candidate with
/// probability 1 − (1 − s^r)^b: for 14 × 8 that is 92 % at 0.8, 99.96 % at 0.9, 5 % at 0.5 and 0.3 % at 0.4.
/// </summary>
public sealed record MinHashParameters(
    int ShingleWords = DedupSettings.DefaultShingleWords, int Bands = DedupSettings.DefaultBands, int Rows = DedupSettings.DefaultRows)
{
    public int Permutations => Bands * Rows;

    public static readonly MinHashParameters Default = new();
}
