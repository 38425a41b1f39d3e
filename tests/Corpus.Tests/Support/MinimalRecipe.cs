namespace Corpus.Tests.Support;

/// <summary>The smallest valid recipe (four lines), for tests that append the section they are about.</summary>
public static class MinimalRecipe
{
    public const string Text = """
        name: demo
        version: 1.0.0
        sources:
          sitemaps: [http://example.test/sitemap.xml]
        """;
}
