using System.Buffers;
using System.Buffers.Text;
using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace Corpus.Annotation.Counts;

/// <summary>
/// The o200k_base merge ranks (the byte strings of its 199,998 mergeable tokens, in rank order) read straight from the
/// vocabulary the Microsoft.ML.Tokenizers.Data.O200kBase package ships, into one flat table, and the byte-pair merge
/// that turns one pre-token into tokens, counting them instead of listing them.
/// <para>
/// The library's own loader builds three dictionaries and a string per token (about 0.5 s of CPU and 51 MB on this
/// machine, a third of a one-page build's CPU); counting needs only "which byte strings are tokens, at which rank", kept
/// here as one byte pool and an open-addressing table of offsets.
/// </para>
/// <para>
/// The merge is tiktoken's: every adjacent pair of parts that is itself a token is a candidate; the one with the lowest
/// rank (the leftmost on a tie) merges; repeat until no adjacent pair is a token. The parts left are the tokens.
/// </para>
/// </summary>
public sealed class BytePairRanks
{
    private const string Resource = "o200k_base.tiktoken.deflate";
    private const string DataAssembly = "Microsoft.ML.Tokenizers.Data.O200kBase";

    private readonly byte[] _pool;
    private readonly int[] _offset; // token t's bytes: _pool[_offset[t].._offset[t + 1]]
    private readonly int[] _slots;  // slot → token + 1 (0 = empty)
    private readonly int _mask;
    // (first byte << 8) | second byte → the rank of the two bytes as one token, or int.MaxValue: a merge starts by
    // asking this of every adjacent pair, and a direct table (256 KB) answers without hashing or comparing.
    private readonly int[] _pairs = new int[1 << 16];

    private BytePairRanks(byte[] pool, int[] offset, int tokens)
    {
        _pool = pool;
        _offset = offset;
        Count = tokens;
        var size = 1;
        while (size < tokens * 2) size <<= 1;
        _slots = new int[size];
        _mask = size - 1;
        for (var t = 0; t < tokens; t++)
        {
            var bytes = Bytes(t);
            var slot = (int)Hash(bytes) & _mask;
            // A byte string listed twice keeps its first (lowest) rank.
            var duplicate = false;
            while (_slots[slot] != 0)
            {
                if (Bytes(_slots[slot] - 1).SequenceEqual(bytes)) { duplicate = true; break; }
                slot = (slot + 1) & _mask;
            }
            if (!duplicate) _slots[slot] = t + 1;
        }
        Array.Fill(_pairs, int.MaxValue);
        for (var t = tokens - 1; t >= 0; t--)
            if (Bytes(t) is [var first, var second]) _pairs[(first << 8) | second] = t;
    }

    /// <summary>How many mergeable tokens the vocabulary holds.</summary>
    public int Count { get; }

    private static readonly Lazy<BytePairRanks> Shipped = new(Load);

    /// <summary>o200k_base, read once per process.</summary>
    public static BytePairRanks O200k => Shipped.Value;

    private ReadOnlySpan<byte> Bytes(int token) => _pool.AsSpan(_offset[token], _offset[token + 1] - _offset[token]);

    /// <summary>The rank of <paramref name="bytes"/> as one token, or -1 when it is not one.</summary>
    public int Rank(ReadOnlySpan<byte> bytes)
    {
        for (var slot = (int)Hash(bytes) & _mask; ; slot = (slot + 1) & _mask)
        {
            var entry = _slots[slot];
            if (entry == 0) return -1;
            if (Bytes(entry - 1).SequenceEqual(bytes)) return entry - 1;
        }
    }

    /// <summary>How many tokens the byte-pair merge makes of one pre-token's UTF-8 bytes.</summary>
    public int CountTokens(ReadOnlySpan<byte> piece)
    {
        if (piece.Length <= 1) return piece.Length;
        if (Rank(piece) >= 0) return 1;
        var n = piece.Length;
        int[]? rented = null;
        var buffer = n + 1 <= 256 ? stackalloc int[2 * 256] : (rented = ArrayPool<int>.Shared.Rent(2 * (n + 1)));
        var length = Merge(piece, buffer);
        if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        return length - 1;
    }

    /// <summary>
    /// The tokens (their ranks) the byte-pair merge makes of one pre-token's UTF-8 bytes, written to
    /// <paramref name="tokens"/> (at least as long as the piece); returns how many.
    /// </summary>
    public int Encode(ReadOnlySpan<byte> piece, Span<int> tokens)
    {
        if (piece.IsEmpty) return 0;
        var whole = Rank(piece);
        if (whole >= 0) { tokens[0] = whole; return 1; }
        var n = piece.Length;
        int[]? rented = null;
        var buffer = n + 1 <= 256 ? stackalloc int[2 * 256] : (rented = ArrayPool<int>.Shared.Rent(2 * (n + 1)));
        var length = Merge(piece, buffer);
        for (var i = 0; i < length - 1; i++) tokens[i] = Rank(piece[buffer[i]..buffer[i + 1]]);
        if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        return length - 1;
    }

    /// <summary>
    /// Merges <paramref name="piece"/> (two or more bytes) in <paramref name="buffer"/> (2 × (length + 1) ints): on
    /// return buffer[0 .. result - 1] are where the tokens start and buffer[result - 1] is the piece's end.
    /// </summary>
    private int Merge(ReadOnlySpan<byte> piece, Span<int> buffer)
    {
        // parts[i] is where part i starts; ranks[i] the rank of parts i and i+1 joined (int.MaxValue: not a token).
        // The last two entries are the end markers tiktoken keeps, so a pair's right end is always parts[i + 2].
        var n = piece.Length;
        var parts = buffer[..(n + 1)];
        var ranks = buffer.Slice(n + 1, n + 1);
        for (var i = 0; i < n - 1; i++)
        {
            parts[i] = i;
            ranks[i] = _pairs[(piece[i] << 8) | piece[i + 1]];
        }
        parts[n - 1] = n - 1;
        ranks[n - 1] = int.MaxValue;
        parts[n] = n;
        ranks[n] = int.MaxValue;
        var length = n + 1;
        while (true)
        {
            var best = -1;
            var min = int.MaxValue;
            for (var i = 0; i < length - 1; i++)
                if (ranks[i] < min) { min = ranks[i]; best = i; }
            if (best < 0) break;
            // Part best absorbs part best + 1; the pairs touching it are looked up again before the removal shifts them.
            if (best > 0) ranks[best - 1] = best + 2 < length ? RankOrMax(piece[parts[best - 1]..parts[best + 2]]) : int.MaxValue;
            ranks[best] = best + 3 < length ? RankOrMax(piece[parts[best]..parts[best + 3]]) : int.MaxValue;
            parts[(best + 2)..length].CopyTo(parts[(best + 1)..]);
            ranks[(best + 2)..length].CopyTo(ranks[(best + 1)..]);
            length--;
        }
        return length;
    }

    private int RankOrMax(ReadOnlySpan<byte> bytes) => Rank(bytes) is var r and >= 0 ? r : int.MaxValue;

    /// <summary>How many tokens one pre-token makes (its UTF-8 bytes as .NET encodes them: a lone surrogate becomes U+FFFD).</summary>
    public int CountTokens(ReadOnlySpan<char> piece)
    {
        var max = Encoding.UTF8.GetMaxByteCount(piece.Length);
        byte[]? rented = null;
        var bytes = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        var length = Encoding.UTF8.GetBytes(piece, bytes);
        var count = CountTokens(bytes[..length]);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        return count;
    }

    // FNV-1a over the bytes: short keys, one pass, no allocation.
    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        var h = 2166136261u;
        foreach (var b in bytes) h = (h ^ b) * 16777619u;
        return h ^ (h >> 15);
    }

    /// <summary>
    /// Reads the package's vocabulary: deflate-compressed lines, an optional <c>Capacity: N</c> header, then one
    /// base64-encoded token per line, its rank being its line's position (or lines of <c>base64 rank</c>).
    /// </summary>
    private static BytePairRanks Load()
    {
        var assembly = Assembly.Load(DataAssembly);
        using var stream = assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{DataAssembly} holds no {Resource}; the token counter cannot read o200k_base.");
        using var inflated = new DeflateStream(stream, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        inflated.CopyTo(memory);
        var text = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        var tokens = new List<(int Rank, int Start, int Length)>(200_000);
        var pool = new byte[text.Length]; // decoded base64 is shorter than its text
        var used = 0;
        var next = 0;
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range].TrimEnd((byte)'\r');
            if (line.IsEmpty || line.StartsWith("Capacity:"u8)) continue;
            var space = line.IndexOf((byte)' ');
            var encoded = space < 0 ? line : line[..space];
            var rank = space < 0 ? next : int.Parse(Encoding.ASCII.GetString(line[(space + 1)..]), System.Globalization.CultureInfo.InvariantCulture);
            if (Base64.DecodeFromUtf8(encoded, pool.AsSpan(used), out _, out var written) != OperationStatus.Done)
                throw new InvalidOperationException($"{DataAssembly}'s {Resource} has a line that is not base64: the token counter cannot read o200k_base.");
            tokens.Add((rank, used, written));
            used += written;
            next = rank + 1;
        }
        // Stored in rank order so that a token's index is its rank.
        for (var i = 1; i < tokens.Count; i++)
            if (tokens[i].Rank < tokens[i - 1].Rank) { tokens.Sort((a, b) => a.Rank.CompareTo(b.Rank)); break; }
        for (var i = 0; i < tokens.Count; i++)
            if (tokens[i].Rank != i) throw new InvalidOperationException($"{DataAssembly}'s {Resource} skips rank {i}.");
        var ordered = new byte[used];
        var offset = new int[tokens.Count + 1];
        var at = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            offset[i] = at;
            pool.AsSpan(tokens[i].Start, tokens[i].Length).CopyTo(ordered.AsSpan(at));
            at += tokens[i].Length;
        }
        offset[tokens.Count] = at;
        return new BytePairRanks(ordered, offset, tokens.Count);
    }
}
