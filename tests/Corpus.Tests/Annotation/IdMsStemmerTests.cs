using Corpus.Annotation.Features;

namespace Corpus.Tests.Annotation;

public sealed class IdMsStemmerTests
{
    [Theory]
    [InlineData("pembangunan", "bangun")]
    [InlineData("membangun", "bangun")]
    [InlineData("dibangunkan", "bangun")]
    [InlineData("bangunnya", "bangun")]
    [InlineData("bangun", "bangun")]
    [InlineData("pertandingan", "tanding")]
    [InlineData("bertanding", "tanding")]
    [InlineData("keberhasilan", "hasil")]
    [InlineData("diperbaiki", "baiki")]
    [InlineData("kesehatan", "sehat")]
    [InlineData("bukulah", "buku")]
    [InlineData("memperbaiki", "baiki")]
    [InlineData("sehat", "sehat")]
    public void Affixes_of_one_root_give_the_root(string word, string stem) =>
        Assert.Equal(stem, IdMsStemmer.Stem(word).ToString());

    [Theory]
    [InlineData("dian")]
    [InlineData("makan")]
    [InlineData("sehat")]
    [InlineData("dikan")]
    public void A_strip_never_leaves_fewer_than_four_letters(string word) =>
        Assert.Equal(word, IdMsStemmer.Stem(word).ToString());

    [Theory]
    [InlineData("Pembangunan")]
    [InlineData("jalan2")]
    [InlineData("überall")]
    public void Only_lower_case_ascii_words_are_stemmed(string word) =>
        Assert.Equal(word, IdMsStemmer.Stem(word).ToString());

    [Fact]
    public void With_stems_a_derived_word_also_counts_as_its_root()
    {
        var plain = new FeatureSpec(Bits: 18, WordBigrams: false, CharMin: 0, CharMax: 0);
        var stems = plain with { Stems = true };
        var root = HashedFeatures.WordBucket("bangun", plain);
        Assert.DoesNotContain(root, HashedFeatures.Extract("pembangunan", plain, normalise: false).Indices);
        Assert.Contains(root, HashedFeatures.Extract("pembangunan", stems, normalise: false).Indices);
        // A word the stemmer leaves whole adds nothing.
        Assert.Equal(HashedFeatures.Extract("bangun", plain, normalise: false).Indices, HashedFeatures.Extract("bangun", stems, normalise: false).Indices);
    }

    [Fact]
    public void The_stems_setting_travels_in_the_model_file_and_older_files_read_without_it()
    {
        var stems = new FeatureSpec(18, true, 2, 5, Stems: true);
        Assert.Equal(stems, FeatureSpec.Parse(stems.Describe(), "m"));
        Assert.Equal("18\t1\t2\t5", (stems with { Stems = false }).Describe());
        Assert.False(FeatureSpec.Parse("18\t1\t2\t5", "m").Stems);
    }
}
