using Corpus.Core.Text;

namespace Corpus.Tests.Core;

public sealed class LanguageTagTests
{
    [Theory]
    [InlineData("ms-MY", "ms")]
    [InlineData("id_ID", "id")]
    [InlineData(" EN ", "en")]
    [InlineData("in_ID", "id")]
    [InlineData("fil-PH", "fil")]
    [InlineData("", null)]
    [InlineData("x-klingon", null)]
    [InlineData("english", null)]
    public void Reduces_a_declared_tag_to_its_primary_code(string tag, string? expected) => Assert.Equal(expected, LanguageTag.Primary(tag));
}
