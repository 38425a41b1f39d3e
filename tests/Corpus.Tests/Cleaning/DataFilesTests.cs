using Corpus.Cleaning;
using Corpus.Cleaning.Promos;
using Corpus.Cleaning.Quality;
using Corpus.Cleaning.Quality.C4;
using Corpus.Cleaning.Quality.Gopher;
using Corpus.Text.Promos;

namespace Corpus.Tests.Cleaning;

/// <summary>Every table under src/Corpus.Cleaning/Data and src/Corpus.Text/Data is embedded and loads.</summary>
public sealed class DataFilesTests
{
    [Fact]
    public void Every_data_file_is_embedded_and_loaded_by_its_owner()
    {
        Assert.Equal(["c4-policy-phrases.txt", "stopwords.tsv"], DataFiles.Names.Order(StringComparer.Ordinal));
        // The promo tables serve extraction and cleaning, so they live in the shared text project below both.
        Assert.Equal(["promo-ad-script-markers.txt", "promo-box-tokens.txt", "promo-lead-phrases.tsv", "promo-noise.tsv"],
            Corpus.Text.DataFiles.Names.Order(StringComparer.Ordinal));
        Assert.NotEmpty(PromoRules.Default.Phrases);
        Assert.NotEmpty(PromoRules.Default.Noise);
        Assert.NotEmpty(PromoRules.Default.BoxTokens);
        Assert.NotEmpty(PromoRules.Default.AdScriptMarkers);
        Assert.NotEmpty(StopWords.Default.Languages);
        Assert.NotEmpty(C4LineFilter.Phrases);
    }

    [Fact]
    public void Lead_phrases_cover_the_languages_the_issue_names()
    {
        var languages = PromoRules.Default.Phrases.Select(p => p.Language).ToHashSet();
        foreach (var l in new[] { "id", "ms", "en", "de", "fr", "es", "pt", "it", "nl", "no", "da", "sv", "pl", "tr", "ru" })
            Assert.Contains(l, languages);
    }
}
