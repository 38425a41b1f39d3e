using Corpus.Annotation.Topics;

namespace Corpus.Tests.Annotation;

public sealed class SectionDictionaryTests
{
    private static readonly TopicClassifier Sections = new(TopicModel.KeywordPriorsOnly, SectionDictionary.Default);

    [Theory]
    [InlineData("Wirtschaft", "economy")]
    [InlineData("Économie", "economy")]
    [InlineData("Deportes", "sport")]
    [InlineData("Esporte", "sport")]
    [InlineData("Política", "politics")]
    [InlineData("Piłka nożna", "sport")]
    [InlineData("Hälsa", "health")]
    [InlineData("SAĞLIK", "health")]
    [InlineData("Thể thao", "sport")]
    [InlineData("Đời sống", "lifestyle")]
    [InlineData("Политика", "politics")]
    [InlineData("Здоровье", "health")]
    [InlineData("体育", "sport")]
    [InlineData("財經", "economy")]
    [InlineData("スポーツ", "sport")]
    [InlineData("경제", "economy")]
    [InlineData("رياضة", "sport")]
    [InlineData("Personal Finance", "economy")]
    [InlineData("Premier League", "sport")]
    [InlineData("NFL", "sport")]
    public void A_declared_section_in_any_language_and_script_gives_its_topic(string section, string topic)
    {
        var result = Sections.FromMetadata(section, null);
        Assert.Equal(topic, result?.Topic.Key);
        Assert.Equal(0.95, result!.Score);
    }

    [Theory]
    [InlineData("https://www.example.de/wirtschaft/unternehmen/2024-05-02/ein-bericht", "economy", 0.9)]
    [InlineData("https://www1.example.com.br/esporte/2018/12/tite-diz.shtml", "sport", 0.9)]
    [InlineData("https://www.example.com.tr/spor/futbol/haber-123456", "sport", 0.9)]
    [InlineData("https://example.vn/the-thao/bong-da-1234.html", "sport", 0.9)]
    [InlineData("https://example.ru/%D1%81%D0%BF%D0%BE%D1%80%D1%82/2024/05/story", "sport", 0.9)]
    [InlineData("https://example.ru/спорт/2024/05/story", "sport", 0.9)]
    [InlineData("https://example.cn/%E8%B4%A2%E7%BB%8F/20240502/a1b2c3.html", "economy", 0.9)]
    [InlineData("https://www.example.com/nfl/news/some-story/", "sport", 0.9)]
    [InlineData("https://спорт.example.ru/story/123", "sport", 0.85)]
    [InlineData("https://www.example.com/2019/11/18/investing/asian-markets/index.html", "economy", 0.9)]
    public void A_url_path_segment_or_sub_domain_in_any_language_and_script_gives_its_topic(string url, string topic, double score)
    {
        var result = Sections.FromMetadata(null, url);
        Assert.Equal(topic, result?.Topic.Key);
        Assert.Equal(score, result!.Score);
    }

    [Theory]
    [InlineData(null, "https://www.example.com/2024/05/12345/a-story-about-sport")]
    [InlineData(null, "https://www.example.com/news/world/a8f3e2/story.html")]
    [InlineData(null, "https://www.example.fr/monde/article/2015/04/30/un-article_1278483")]
    [InlineData(null, "https://www.example.com/sport")]
    [InlineData("News", null)]
    [InlineData("2024", null)]
    [InlineData("12345", null)]
    [InlineData("Opinion", null)]
    [InlineData("Nachrichten", null)]
    [InlineData("News, Opinion", null)]
    public void Dates_ids_and_names_that_say_nothing_match_nothing(string? section, string? url)
    {
        // The last case: a topic word that is the article's own slug is not its filing.
        Assert.Null(Sections.FromMetadata(section, url));
        if (section is not null) Assert.Null(SectionDictionary.Default.Lookup(section));
    }

    [Theory]
    [InlineData("game,news,slider", "science")]
    [InlineData("Sport > Fußball", "sport")]
    [InlineData("Commercial Real Estate,Home Page,Popular", "economy")]
    [InlineData("ソフトウェア一般, ソフトウェア", "science")]
    public void A_declared_list_or_breadcrumb_is_read_part_by_part(string section, string topic)
    {
        Assert.Null(SectionDictionary.Default.Lookup(section));
        Assert.Equal(topic, Sections.FromMetadata(section, null)?.Topic.Key);
    }

    [Fact]
    public void The_declared_section_wins_over_the_url_path()
    {
        Assert.Equal("health", Sections.FromMetadata("Santé", "https://www.example.fr/economie/2024/05/article")?.Topic.Key);
        Assert.Equal("economy", Sections.FromMetadata("Actualité", "https://www.example.fr/economie/2024/05/article")?.Topic.Key);
    }

    [Theory]
    [InlineData("Économie", "economie")]
    [InlineData("Sağlık", "saglik")]
    [InlineData("Đời sống", "doisong")]
    [InlineData("Piłka-nożna", "pilkanozna")]
    [InlineData("Sains & Teknologi", "sainsteknologi")]
    [InlineData("Спорт", "спорт")]
    public void Accents_on_latin_and_cyrillic_letters_are_dropped_as_slugs_drop_them(string name, string key) =>
        Assert.Equal(key, SectionDictionary.Normalize(name));

    [Fact]
    public void Marks_of_other_scripts_are_part_of_the_word()
    {
        // A Devanagari vowel sign or a kana voicing mark changes the word, unlike an accent a Latin slug drops.
        Assert.NotEqual(SectionDictionary.Normalize("खल"), SectionDictionary.Normalize("खेल"));
        Assert.NotEqual(SectionDictionary.Normalize("ホ"), SectionDictionary.Normalize("ポ"));
        Assert.Equal(SectionDictionary.Normalize("スポーツ"), SectionDictionary.Normalize("スポーツ".Normalize(System.Text.NormalizationForm.FormD)));
    }
}
