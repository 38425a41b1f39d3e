using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using Corpus.Annotation.Features;
using Corpus.Core;

namespace Corpus.Tests.Startup;

/// <summary>
/// The linear models (topic, Indonesian/Malay) are read from their UTF-8 bytes without a string per field; every weight
/// and bias must come out bit for bit as <c>float.Parse</c> of its text gave it.
/// </summary>
public sealed class ModelReadingTests
{
    private static float[] Internal(LinearModel model, string name) =>
        (float[])typeof(LinearModel).GetProperty(name, BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(model)!;

    /// <summary>The model's weights and biases as the text says, parsed field by field with <c>float.Parse</c>.</summary>
    private static (float[] Weights, float[] Bias) ByFloatParse(byte[] gzipped, int buckets)
    {
        using var reader = new StreamReader(new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress));
        for (var i = 0; i < 3; i++) reader.ReadLine();
        var k = reader.ReadLine()!.Split('\t').Length;
        var bias = reader.ReadLine()!.Split('\t').Select(f => float.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        var weights = new float[buckets * k];
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            var bucket = int.Parse(f[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            for (var c = 0; c < k; c++) weights[bucket * k + c] = float.Parse(f[c + 1], NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return (weights, bias);
    }

    private static void AssertBitwiseEqual(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"value {i}: {expected[i]:R} expected, {actual[i]:R} read");
    }

    private static void AssertReadsAsFloatParse(byte[] gzipped, string name)
    {
        var model = LinearModel.Read(new MemoryStream(gzipped), name);
        var (weights, bias) = ByFloatParse(gzipped, model.Spec.Buckets);
        AssertBitwiseEqual(bias, Internal(model, "Bias"));
        AssertBitwiseEqual(weights, Internal(model, "Weights"));
    }

    [Theory]
    [InlineData("topics.model.gz")]
    [InlineData("id-ms.model.gz")]
    public void The_shipped_models_read_bit_for_bit_as_float_parse_reads_them(string file)
    {
        using var stream = typeof(LinearModel).Assembly.GetManifestResourceStream($"Corpus.Annotation.Data.{file}")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        AssertReadsAsFloatParse(copy.ToArray(), file);
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    private const string Header = "corpus-linear-model\t1\nprior_weight=1\n9\t1\t2\t5\nmedtop:01000000\tmedtop:07000000\n";

    [Fact]
    public void Random_weights_written_the_writers_way_and_other_number_forms_read_as_float_parse_reads_them()
    {
        var random = new Random(19);
        var text = new StringBuilder(Header).Append("-0.0464\t-0\n");
        for (var bucket = 0; bucket < 256; bucket++)
        {
            var a = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 4)));
            var b = (float)((random.NextDouble() - 0.5) * 20);
            text.Append(bucket.ToString("x", CultureInfo.InvariantCulture)).Append('\t')
                .Append(a.ToString("0.####", CultureInfo.InvariantCulture)).Append('\t')
                .Append(b.ToString(bucket % 3 == 0 ? "R" : "0.########", CultureInfo.InvariantCulture)).Append(bucket % 5 == 0 ? "\r\n" : "\n");
        }
        // Forms the writer never makes go through float.Parse: exponents, a leading plus, 16 digits and more.
        text.Append("100\t1e-3\t+2.5\n101\t3.4028235E+38\t0.1234567890123456789\n");
        var model = LinearModel.Read(new MemoryStream(Gzip(text.ToString())), "random");
        Assert.Equal(0.001f, Internal(model, "Weights")[0x100 * 2]);
        AssertReadsAsFloatParse(Gzip(text.ToString()), "random");
    }

    [Theory]
    [InlineData("1\t0.5\tx\n", "line 6: 'x' is not a number")]
    [InlineData("1\t0.5\t\n", "line 6: '' is not a number")]
    [InlineData("1\t0.5\n", "line 6: expected 2 weights")]
    [InlineData("zz\t0.5\t1\n", "line 6: expected a bucket number below 512")]
    [InlineData("200\t0.5\t1\n", "line 6: expected a bucket number below 512")]
    public void A_malformed_weight_line_fails_naming_the_file_and_line(string line, string message)
    {
        var error = Assert.Throws<CorpusUserException>(() => LinearModel.Read(new MemoryStream(Gzip(Header + "0\t0\n" + line)), "m.model.gz"));
        Assert.Contains("m.model.gz " + message, error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_model_fails_naming_it()
    {
        Assert.Contains("'plain.gz' is not a Corpus topic model",
            Assert.Throws<CorpusUserException>(() => LinearModel.Read(new MemoryStream(Gzip("hello\n")), "plain.gz", "topic model")).Message);
        Assert.Contains("'raw.txt' is not a Corpus linear model",
            Assert.Throws<CorpusUserException>(() => LinearModel.Read(new MemoryStream("not gzip"u8.ToArray()), "raw.txt")).Message);
    }
}
