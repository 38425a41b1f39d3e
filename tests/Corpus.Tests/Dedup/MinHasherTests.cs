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
}
