using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using Corpus.Dedup.MinHash;
using Corpus.Dedup.Text;
using Corpus.Tests.Dedup.EvalSet;

namespace Corpus.Tests.Dedup;

public sealed class MinHasherTests
{
    [Fact]
    public void Folding_ignores_case_punctuation_diacritics_and_digits()
    {
        Assert.Equal("cafe di jakarta rp 00 000", TextFolding.Fold("Café  di JAKARTA — Rp 12.500!"));
        Assert.Equal(Hashes.FoldedText("Kopi, 2024: naik."), Hashes.FoldedText("kopi 1999 NAIK"));
        Assert.NotEqual(Hashes.FoldedText("kopi naik"), Hashes.FoldedText("kopi turun"));
    }

    [Fact]
    public void Signature_agreement_estimates_the_exact_jaccard()
    {
        var hasher = new MinHasher(MinHashParameters.Default);
        var a = JsonlCorpus.Article(7, 400);
        var words = a.Split(' ');
        for (var i = 0; i < words.Length; i += 25) words[i] = "ganti" + i; // every 25th word: about 18 % of shingles change
        var b = string.Join(' ', words);
        var sa = new uint[112];
        var sb = new uint[112];
        Assert.True(hasher.Sign(a, sa));
        Assert.True(hasher.Sign(b, sb));
        var estimate = sa.Zip(sb).Count(p => p.First == p.Second) / 112.0;
        var exact = NearDupSetGenerator.Jaccard(NearDupSetGenerator.Shingles(a), NearDupSetGenerator.Shingles(b));
        Assert.InRange(exact, 0.5, 0.8);
        Assert.InRange(estimate, exact - 0.15, exact + 0.15); // 112 permutations: standard error about 0.045

        var again = new uint[112];
        new MinHasher(MinHashParameters.Default).Sign(a, again);
        Assert.Equal(sa, again);
        Assert.False(hasher.Sign("— … !!", again));
    }

    [Fact]
    public void Unrelated_texts_share_almost_no_minimum()
    {
        var hasher = new MinHasher(MinHashParameters.Default);
        var sa = new uint[112];
        var sb = new uint[112];
        hasher.Sign(JsonlCorpus.Article(1, 300), sa);
        hasher.Sign(JsonlCorpus.Article(2, 300), sb);
        Assert.True(sa.Zip(sb).Count(p => p.First == p.Second) <= 3);
        Assert.NotEqual(hasher.BandKey(sa, 0), hasher.BandKey(sb, 0));
    }

    [Fact]
    public void Recipe_rejects_impossible_dedup_settings_with_their_line()
    {
        const string recipe = "name: d\nversion: 1.0.0\nsources:\n  sitemaps: [http://example.test/s.xml]\ndedup:\n  bands: 0\n";
        var e = Assert.Throws<Corpus.Core.Recipes.RecipeException>(() => Corpus.Core.Recipes.RecipeLoader.Parse(recipe, "corpus.yaml"));
        Assert.Contains("line 6", e.Message);
        Assert.Contains("dedup.bands", e.Message);
        var ok = Corpus.Core.Recipes.RecipeLoader.Parse(recipe.Replace("bands: 0", "bands: 20\n  rows: 5\n  repeated_line_min_docs: 3"), "corpus.yaml");
        Assert.Equal(20, ok.Dedup.Bands);
        Assert.Equal(3, ok.Dedup.RepeatedLineMinDocs);
    }

    /// <summary>
    /// The signature as the class documents it, one permutation at a time in scalar code: the vector loops (eight or
    /// sixteen permutations at a time, whichever the CPU runs) and the word scan must give exactly these minima.
    /// </summary>
    private static uint[] ReferenceSignature(string folded, MinHashParameters p)
    {
        var words = folded.Split(' ').Select(w => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(w.AsSpan()))).ToArray();
        var shingles = Math.Max(1, words.Length - p.ShingleWords + 1);
        var width = Math.Min(p.ShingleWords, words.Length);
        var xs = new uint[shingles];
        for (var i = 0; i < shingles; i++)
        {
            var h = words[i];
            for (var k = 1; k < width; k++) h = BitOperations.RotateLeft(h, 23) ^ words[i + k];
            xs[i] = (uint)Mix(h);
        }
        var state = 0x5DEECE66_2545F491UL;
        var signature = new uint[(p.Permutations + 7) / 8 * 8];
        for (var v = 0; v < signature.Length / 8; v++)
        {
            var constants = new (uint Xor, uint Mul1, uint Mul2)[8];
            for (var lane = 0; lane < 8; lane++)
                constants[lane] = ((uint)SplitMix(ref state), (uint)SplitMix(ref state) | 1u, (uint)SplitMix(ref state) | 1u);
            for (var lane = 0; lane < 8; lane++)
            {
                var min = uint.MaxValue;
                foreach (var x in xs)
                {
                    var h = (x ^ constants[lane].Xor) * constants[lane].Mul1;
                    h ^= h >> 16;
                    h *= constants[lane].Mul2;
                    min = Math.Min(min, h ^ (h >> 15));
                }
                signature[v * 8 + lane] = min;
            }
        }
        return signature[..p.Permutations];

        static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        static ulong SplitMix(ref ulong state) => Mix(state += 0x9E3779B97F4A7C15UL);
    }

    [Theory]
    [InlineData(14, 8, 5)]  // the defaults: 112 permutations, seven 512-bit vectors
    [InlineData(3, 8, 3)]   // 24: an odd number of 256-bit vectors
    [InlineData(5, 4, 2)]   // 20: a last vector only partly used
    public void Signatures_are_the_documented_permutation_minima(int bands, int rows, int shingleWords)
    {
        var p = new MinHashParameters(shingleWords, bands, rows);
        var hasher = new MinHasher(p);
        var signature = new uint[p.Permutations];
        var random = new Random(bands * 100 + rows);
        // Word counts around the shingle width, and words of 1 to 40 characters so they cross the 16-character chunks.
        foreach (var words in new[] { 1, 2, shingleWords, shingleWords + 1, 17, 333 })
        {
            var folded = string.Join(' ', Enumerable.Range(0, words).Select(_ =>
                new string(Enumerable.Range(0, random.Next(1, 41)).Select(_ => (char)('a' + random.Next(26))).ToArray())));
            Assert.True(hasher.SignFolded(folded, signature));
            Assert.Equal(ReferenceSignature(folded, p), signature);
            Assert.True(hasher.Sign(folded.ToUpperInvariant().Replace(" ", " — "), signature)); // the tokenizing way folds to the same words
            Assert.Equal(ReferenceSignature(folded, p), signature);
        }
        Assert.False(hasher.SignFolded("", signature));
    }
}
