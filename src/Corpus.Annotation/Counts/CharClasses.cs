using System.Globalization;

namespace Corpus.Annotation.Counts;

/// <summary>
/// What the counters need to know of every UTF-16 code unit, worked out once from its Unicode category into one 64 KB
/// table, so the o200k scanner and the word, line and paragraph pass each ask one byte per character instead of the
/// category lookup several times per character.
/// </summary>
internal static class CharClasses
{
    /// <summary>o200k's letters: Lu Ll Lt Lm Lo.</summary>
    public const byte Letter = 1;
    /// <summary>o200k's digits: Nd Nl No.</summary>
    public const byte Digit = 2;
    /// <summary>o200k's "upper" class: Lu Lt Lm Lo and marks.</summary>
    public const byte Upper = 4;
    /// <summary>o200k's "lower" class: Ll Lm Lo and marks.</summary>
    public const byte Lower = 8;
    /// <summary><see cref="char.IsWhiteSpace(char)"/>.</summary>
    public const byte Space = 16;
    /// <summary><see cref="char.IsLetterOrDigit(char)"/>: what <c>WordCounter</c> counts runs of.</summary>
    public const byte Word = 1 << WordBit;
    public const int WordBit = 5;
    /// <summary>The line breaks <see cref="MemoryExtensions.EnumerateLines(ReadOnlySpan{char})"/> splits at: CR, LF, FF, NEL, LS, PS (all whitespace).</summary>
    public const byte Break = 64;

    public static readonly byte[] Table = Build();

    private static byte[] Build()
    {
        var classes = new byte[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            byte flags = 0;
            if (category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
                UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter) flags |= Letter;
            if (category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber) flags |= Digit;
            if (category is UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or
                UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark) flags |= Upper;
            if (category is UnicodeCategory.LowercaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or
                UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark) flags |= Lower;
            if (char.IsWhiteSpace(c)) flags |= Space;
            if (char.IsLetterOrDigit(c)) flags |= Word;
            if (c is '\r' or '\n' or '\f' or '\u0085' or '\u2028' or '\u2029') flags |= Break;
            classes[i] = flags;
        }
        return classes;
    }
}
