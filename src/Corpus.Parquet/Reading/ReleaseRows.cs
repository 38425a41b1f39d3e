using System.Security.Cryptography;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace Corpus.Parquet.Reading;

/// <summary>One kept document as a release diff sees it: where it lives and a hash of its text.</summary>
public sealed record RowFingerprint(string Url, UInt128 TextHash);

/// <summary>Reads the id, url and text hash of every row in a release's <c>data/</c> shards, one row group at a time.</summary>
public static class ReleaseRows
{
    public static async Task<Dictionary<string, RowFingerprint>> FingerprintsAsync(string releaseDir, IEnumerable<string> dataFiles, CancellationToken ct = default)
    {
        var rows = new Dictionary<string, RowFingerprint>(StringComparer.Ordinal);
        foreach (var file in dataFiles)
        {
            await using var stream = File.OpenRead(Path.Combine(releaseDir, file));
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct);
            var fields = reader.Schema.GetDataFields();
            DataField Field(string name) => fields.FirstOrDefault(f => f.Name == name)
                ?? throw new InvalidDataException($"{file} has no '{name}' column");
            var (id, url, text) = (Field("id"), Field("url"), Field("text"));
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var rg = reader.OpenRowGroupReader(g);
                var ids = await ColumnReader.ReadAsync(rg, id, ct);
                var urls = await ColumnReader.ReadAsync(rg, url, ct);
                var texts = await ColumnReader.ReadAsync(rg, text, ct);
                for (var r = 0; r < ids.Length; r++)
                    rows[(string)ids[r]!] = new RowFingerprint((string?)urls[r] ?? "", Hash((string?)texts[r] ?? ""));
            }
        }
        return rows;
    }

    public static UInt128 Hash(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return new UInt128(BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]));
    }
}
