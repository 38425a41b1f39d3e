using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Corpus.Annotation.Features;

/// <summary>
/// Reads a <see cref="LinearModel"/> file (gzip'd text, see <see cref="LinearModel.Save"/>) over its UTF-8 bytes: the
/// shipped topic model holds 1.5 million weights on 250,000 lines, and splitting each line into strings for
/// <c>float.Parse</c> took most of a 1-page build's model loading. The weights the writer produces (at most four
/// decimals, no exponent) are read digit by digit into a <see cref="double"/> and rounded once to <see cref="float"/>,
/// which gives the same value as <c>float.Parse</c> (proof at <see cref="TryParseShort"/>); anything else in a field
/// goes to <c>float.TryParse</c>.
/// </summary>
internal static class LinearModelReader
{
    public static LinearModel Read(Stream stream, string path, string kind)
    {
        byte[] bytes;
        int length;
        try
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gzip.CopyTo(buffer);
            bytes = buffer.GetBuffer();
            length = (int)buffer.Length;
        }
        catch (InvalidDataException e)
        {
            throw new Corpus.Core.CorpusUserException($"'{path}' is not a Corpus {kind} ({e.Message}).", e);
        }
        var text = new ReadOnlySpan<byte>(bytes, 0, length);
        if (text.StartsWith(Encoding.UTF8.Preamble)) text = text[Encoding.UTF8.Preamble.Length..];
        var position = 0;
        if (!TryLine(text, ref position, out var first) || Encoding.UTF8.GetString(first) != LinearModel.FormatLine)
            throw new Corpus.Core.CorpusUserException($"'{path}' is not a Corpus {kind} (make one with 'corpus topics train' or 'corpus langid train').");
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in HeaderLine(text, ref position).Split('\t', StringSplitOptions.RemoveEmptyEntries))
            if (pair.Split('=', 2) is [var key, var value]) properties[key] = value;
        var spec = FeatureSpec.Parse(HeaderLine(text, ref position), path);
        var labels = HeaderLine(text, ref position).Split('\t');
        var k = labels.Length;
        var bias = new float[k];
        TryLine(text, ref position, out var biasLine);
        if (Numbers(biasLine, bias, path, 5) != k)
            throw new Corpus.Core.CorpusUserException($"{path} line 5: expected {labels.Length} biases.");
        var weights = new float[spec.Buckets * k];
        var row = new float[k];
        var number = 5;
        while (TryLine(text, ref position, out var line))
        {
            number++;
            var tab = line.IndexOf((byte)'\t');
            if (tab < 0 || !int.TryParse(line[..tab], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var bucket) || bucket >= spec.Buckets)
                throw new Corpus.Core.CorpusUserException($"{path} line {number}: expected a bucket number below {spec.Buckets}.");
            if (Numbers(line[(tab + 1)..], row, path, number) != k)
                throw new Corpus.Core.CorpusUserException($"{path} line {number}: expected {k} weights.");
            row.CopyTo(weights, bucket * k);
        }
        return new LinearModel(spec, labels, weights, bias, properties);
    }

    /// <summary>The next line without its <c>\n</c>, <c>\r</c> or <c>\r\n</c>, as <c>StreamReader.ReadLine</c> splits; false at the end.</summary>
    private static bool TryLine(ReadOnlySpan<byte> text, ref int position, out ReadOnlySpan<byte> line)
    {
        line = default;
        if (position >= text.Length) return false;
        var rest = text[position..];
        var newline = rest.IndexOfAny((byte)'\n', (byte)'\r');
        if (newline < 0)
        {
            position = text.Length;
            line = rest;
            return true;
        }
        position += newline + (rest[newline] == '\r' && newline + 1 < rest.Length && rest[newline + 1] == '\n' ? 2 : 1);
        line = rest[..newline];
        return true;
    }

    private static string HeaderLine(ReadOnlySpan<byte> text, ref int position)
    {
        TryLine(text, ref position, out var line);
        return Encoding.UTF8.GetString(line);
    }

    /// <summary>
    /// Parses the tab-separated numbers of <paramref name="line"/> into <paramref name="values"/> (as many as fit) and
    /// returns how many fields the line has.
    /// </summary>
    private static int Numbers(ReadOnlySpan<byte> line, Span<float> values, string path, int number)
    {
        var count = 0;
        while (true)
        {
            var tab = line.IndexOf((byte)'\t');
            var field = tab < 0 ? line : line[..tab];
            if (!TryParseShort(field, out var value)
                && !float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                throw new Corpus.Core.CorpusUserException($"{path} line {number}: '{Encoding.UTF8.GetString(field)}' is not a number.");
            if (count < values.Length) values[count] = value;
            count++;
            if (tab < 0) return count;
            line = line[(tab + 1)..];
        }
    }

    private static readonly double[] Pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

    /// <summary>
    /// <c>[-]digits[.digits]</c> with at most 15 digits in all and at most 8 after the point, else false. The digits
    /// make an integer m below 2^53 and 10^d is exact, so m / 10^d is the correctly rounded double of the decimal; rounding
    /// that double to float again gives float.Parse's value, because a decimal m / 10^d that is not itself a float
    /// midpoint p / 2^q (p below 2^25) lies at least 1 / (10^d 2^q) from it, a relative distance of at least
    /// 1 / (10^8 * 2^25) &gt; 2^-53, so the first rounding cannot land on a midpoint the decimal was not on.
    /// </summary>
    internal static bool TryParseShort(ReadOnlySpan<byte> field, out float value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (i < field.Length && field[i] == '-')
        {
            negative = true;
            i++;
        }
        long mantissa = 0;
        int digits = 0, decimals = 0;
        var point = false;
        for (; i < field.Length; i++)
        {
            var c = field[i];
            if (c == '.' && !point)
            {
                point = true;
                continue;
            }
            var d = c - '0';
            if ((uint)d > 9) return false;
            mantissa = mantissa * 10 + d;
            digits++;
            if (point) decimals++;
        }
        if (digits == 0 || digits > 15 || decimals >= Pow10.Length) return false;
        var magnitude = mantissa / Pow10[decimals];
        value = (float)(negative ? -magnitude : magnitude);
        return true;
    }
}
