using System.IO.Compression;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Corpus.Annotation.Language;

/// <summary>
/// The cheap first pass of language detection: a naive Bayes over character trigrams that reads Lingua's own trigram
/// models (the files its package ships under <c>Lingua/LanguageModels</c>) into one table, so that each trigram of the
/// text costs one lookup for every language at once instead of one lookup per language. A trigram a language has never
/// seen costs it a floor (its rarest trigram's log-probability less one). On a paragraph, languages of different groups
/// end hundreds of nats apart; only when the two best groups are close does Lingua itself decide, among the few
/// languages this pass left (see <see cref="LanguageIdentifier"/>).
/// </summary>
public sealed class TrigramScreen
{
    // Open addressing over a power-of-two table, at most half full. A slot holds the trigram (48 bits; 0 = empty, since
    // no trigram of letters packs to 0), how many languages know it (the top 16 bits) and where its gains start. A
    // trigram most languages know ("the", "ang", "ion") has a dense row of gains, one per language in table order, added
    // to the sums in a few vector operations; a rarer one has a run of (gain, language) entries. The gains are whole
    // multiples of 1/Scale nats in 16 bits and the sums are integers: a third of the memory of 32-bit floats (the table
    // is far larger than the cache, so each byte read is a cost), and a sum that does not depend on the order of the adds.
    private readonly Slot[] _slots;
    private readonly int _slotShift;
    private readonly Entry[] _entries;
    private readonly ushort[] _rows;
    private readonly int _rowWidth;
    private readonly int _denseFrom;
    private readonly double[] _floor;
    // What the binary cache holds (kept only when the table was just built from Lingua's files, to be written once).
    private (ulong[] Keys, int[] Starts, byte[] Language, float[] Gain)? _source;

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Pack = 4)]
    private struct Slot
    {
        public ulong KeyAndCount;
        public int Start;
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Pack = 1)]
    private struct Entry
    {
        public ushort Gain;
        public byte Language;
    }

    private const ulong KeyMask = (1UL << 48) - 1;

    /// <summary>
    /// Gains are stored in units of 1/Scale nats: a power of two, so a sum converts back exactly. The largest gain of
    /// Lingua's models (its rarest trigram's floor to its commonest trigram) is about 17 nats, well under 65535/Scale = 32.
    /// The rounding moves a piece's score by at most 1/4096 nats per trigram, far below any margin the detector uses.
    /// </summary>
    private const double Scale = 2048;

    // The integer sums are flushed to the caller's scores before they could overflow (65535 × this < 2^32).
    private const int FlushTrigrams = 60000;

    private TrigramScreen(Lingua.Language[] languages, Slot[] slots, int shift, Entry[] entries, ushort[] rows, int rowWidth, int denseFrom, double[] floor)
    {
        Languages = languages;
        _slots = slots;
        _slotShift = shift;
        _entries = entries;
        _rows = rows;
        _rowWidth = rowWidth;
        _denseFrom = denseFrom;
        _floor = floor;
    }

    /// <summary>The languages in table order (by ISO code).</summary>
    public IReadOnlyList<Lingua.Language> Languages { get; }

    private static readonly Lazy<TrigramScreen> All = new(() => Load(
        Enum.GetValues<Lingua.Language>().Where(l => l != Lingua.Language.Unknown).ToArray(),
        Path.Combine(AppContext.BaseDirectory, "Lingua", "LanguageModels")));

    /// <summary>Every language Lingua knows, read once per process.</summary>
    public static TrigramScreen Default => All.Value;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<TrigramScreen>> Narrowed = new(StringComparer.Ordinal);

    /// <summary>
    /// The table of <paramref name="languages"/> alone (a recipe's candidates), read once per process: a recipe that
    /// names three languages reads three models, not seventy-five.
    /// </summary>
    public static TrigramScreen For(IReadOnlyCollection<Lingua.Language> languages)
    {
        var key = string.Join(',', languages.Select(Code).Distinct().Order(StringComparer.Ordinal));
        return Narrowed.GetOrAdd(key, _ => new Lazy<TrigramScreen>(() =>
            Load(languages.ToArray(), Path.Combine(AppContext.BaseDirectory, "Lingua", "LanguageModels")))).Value;
    }

    public int IndexOf(Lingua.Language language)
    {
        for (var i = 0; i < Languages.Count; i++) if (Languages[i] == language) return i;
        return -1;
    }

    /// <summary>
    /// Adds the log-likelihood of each language for the trigrams of <paramref name="text"/> to <paramref name="scores"/>
    /// (one slot per <see cref="Languages"/> entry) and returns how many trigrams it read; <paramref name="known"/> is how
    /// many of them some language's table holds (Chinese, Japanese and Korean have no trigram model: Lingua tells them
    /// by their scripts); <paramref name="characters"/> counts letters and combining marks, since a script written with
    /// vowel signs (Devanagari) breaks its words into few letter trigrams. The text is read as Lingua reads it:
    /// lower-cased, punctuation and digits dropped, trigrams of letters only.
    /// </summary>
    public int Score(ReadOnlySpan<char> text, Span<double> scores, out int known, out int characters)
    {
        if (scores.Length < _floor.Length) throw new ArgumentException($"One score per language ({_floor.Length}) is needed.", nameof(scores));
        Span<uint> sums = stackalloc uint[_rowWidth];
        sums.Clear();
        ref var sum = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(sums);
        var trigrams = 0;
        var pending = 0;
        known = 0;
        characters = 0;
        char a = '\0', b = '\0';
        var run = 0;
        foreach (var raw in text)
        {
            if (!char.IsLetter(raw))
            {
                if (!(char.IsPunctuation(raw) || char.IsDigit(raw))) run = 0;
                if (char.GetUnicodeCategory(raw) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)
                    characters++;
                continue;
            }
            characters++;
            var c = char.ToLowerInvariant(raw);
            if (++run >= 3)
            {
                trigrams++;
                ref readonly var slot = ref Find(Key(a, b, c));
                if (slot.KeyAndCount != 0)
                {
                    known++;
                    var count = (int)(slot.KeyAndCount >> 48);
                    if (count >= _denseFrom) AddRow(slot.Start, ref sum);
                    // Every entry's language is below Languages.Count, within the sums.
                    else foreach (ref readonly var e in _entries.AsSpan(slot.Start, count))
                        System.Runtime.CompilerServices.Unsafe.Add(ref sum, e.Language) += e.Gain;
                    if (++pending == FlushTrigrams)
                    {
                        Flush(sums, scores);
                        pending = 0;
                    }
                }
            }
            a = b;
            b = c;
        }
        if (trigrams > 0)
        {
            Flush(sums, scores);
            for (var l = 0; l < _floor.Length; l++) scores[l] += trigrams * _floor[l];
        }
        return trigrams;
    }

    // Adds a dense row of 16-bit gains to the 32-bit sums, sixteen languages at a time (the row width is a multiple of 16).
    private void AddRow(int start, ref uint sum)
    {
        ref var row = ref _rows[start];
        for (nuint i = 0; i < (nuint)_rowWidth; i += 16)
        {
            var (lower, upper) = Vector256.Widen(Vector256.LoadUnsafe(ref row, i));
            (Vector256.LoadUnsafe(ref sum, i) + lower).StoreUnsafe(ref sum, i);
            (Vector256.LoadUnsafe(ref sum, i + 8) + upper).StoreUnsafe(ref sum, i + 8);
        }
    }

    private void Flush(Span<uint> sums, Span<double> scores)
    {
        for (var l = 0; l < _floor.Length; l++) scores[l] += sums[l] / Scale;
        sums.Clear();
    }

    /// <summary>
    /// How many of the <paramref name="trigrams"/> of <paramref name="text"/> (read as <see cref="Score"/> reads them) the language at
    /// <paramref name="language"/> gives a log-probability of at least <paramref name="logP"/>, and whether every letter is
    /// Latin, reading at most <paramref name="limit"/> trigrams. Real text, even with foreign names in it, has most of its trigrams likely in its own language; a string of
    /// invented words has many its best language has barely or never seen.
    /// </summary>
    public int Plausible(ReadOnlySpan<char> text, int language, double logP, int limit, out int trigrams, out bool latin)
    {
        var plausible = 0;
        trigrams = 0;
        latin = true;
        var least = (logP - _floor[language]) * Scale;
        char a = '\0', b = '\0';
        var run = 0;
        foreach (var raw in text)
        {
            if (!char.IsLetter(raw))
            {
                if (!(char.IsPunctuation(raw) || char.IsDigit(raw))) run = 0;
                continue;
            }
            if (!IsLatin(raw)) latin = false;
            var c = char.ToLowerInvariant(raw);
            if (++run >= 3)
            {
                if (trigrams == limit) break;
                trigrams++;
                ref readonly var slot = ref Find(Key(a, b, c));
                if (slot.KeyAndCount != 0 && Gain(slot, language) is var gain and > 0 && gain >= least) plausible++;
            }
            a = b;
            b = c;
        }
        return plausible;
    }

    // The gain (in units of 1/Scale) the language has for the trigram of the slot; 0 when it does not know it.
    private int Gain(in Slot slot, int language)
    {
        var count = (int)(slot.KeyAndCount >> 48);
        if (count >= _denseFrom) return _rows[slot.Start + language];
        foreach (ref readonly var e in _entries.AsSpan(slot.Start, count))
        {
            // A trigram's entries are in language order.
            if (e.Language < language) continue;
            return e.Language == language ? e.Gain : 0;
        }
        return 0;
    }

    // Basic Latin to Latin Extended-B, and Latin Extended Additional (Vietnamese).
    private static bool IsLatin(char letter) => letter < '\u0250' || letter is >= '\u1E00' and <= '\u1EFF';

    private static ulong Key(char a, char b, char c) => a | (ulong)b << 16 | (ulong)c << 32;

    private static int Home(ulong key, int shift) => (int)((key * 0x9E3779B97F4A7C15UL) >> shift);

    private static readonly Slot Empty;

    // The slot holding the trigram, or an empty one.
    private ref readonly Slot Find(ulong key)
    {
        var mask = _slots.Length - 1;
        for (var slot = Home(key, _slotShift); ; slot = (slot + 1) & mask)
        {
            ref readonly var stored = ref _slots[slot];
            if ((stored.KeyAndCount & KeyMask) == key) return ref stored;
            if (stored.KeyAndCount == 0) return ref Empty;
        }
    }

    /// <summary>
    /// The table for <paramref name="languages"/>, from Lingua's <c>trigrams.json.br</c> files in
    /// <paramref name="directory"/>. Parsing 75 languages' JSON costs about two seconds of CPU, so the finished table is
    /// also written next to them (<c>screen-*.bin</c>, named by the languages and the files' sizes) and read from there the
    /// next time; a folder that cannot be written to only means the JSON is read each time.
    /// </summary>
    public static TrigramScreen Load(Lingua.Language[] languages, string directory)
    {
        if (!Directory.Exists(directory))
            throw new Corpus.Core.CorpusUserException($"Lingua's models are not in {directory}; the SearchPioneer.Lingua package copies them next to the program, so rebuild or republish it.");
        // A language without a trigram model (Chinese, Japanese, Korean) is left to Lingua, which tells it by its script.
        languages = languages.Where(l => File.Exists(Path.Combine(directory, Code(l), "trigrams.json.br")))
            .Distinct().OrderBy(Code, StringComparer.Ordinal).ToArray();
        if (languages.Length > byte.MaxValue) throw new ArgumentException("At most 255 languages fit the table.");
        var cache = Path.Combine(directory, $"screen-{CacheKey(languages, directory)}.bin");
        if (ReadCache(cache, languages) is { } cached) return cached;
        var screen = Build(languages, directory);
        screen.WriteCache(cache);
        screen._source = null;
        return screen;
    }

    private static TrigramScreen Build(Lingua.Language[] languages, string directory)
    {
        // Each entry packs the trigram (48 bits) above the language (8 bits), so one sort of plain numbers groups a
        // trigram's languages together, in language order.
        var packed = new List<ulong>(1 << 20);
        var logPs = new List<float>(1 << 20);
        var floor = new double[languages.Length];
        for (var l = 0; l < languages.Length; l++)
        {
            var min = 0.0;
            Read(Path.Combine(directory, Code(languages[l]), "trigrams.json.br"), (a, b, c, logP) =>
            {
                packed.Add(Key(a, b, c) << 8 | (uint)l);
                logPs.Add((float)logP);
                min = Math.Min(min, logP);
            });
            floor[l] = min - 1;
        }
        var keys = packed.ToArray();
        var values = logPs.ToArray();
        Array.Sort(keys, values);
        var unique = new List<ulong>();
        var starts = new List<int>();
        var language = new byte[keys.Length];
        var gain = new float[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i] >> 8;
            if (i == 0 || key != keys[i - 1] >> 8)
            {
                unique.Add(key);
                starts.Add(i);
            }
            language[i] = (byte)(keys[i] & 0xff);
            // Stored as the gain over the floor, so a text's score is (trigrams × floor) + the gains of the trigrams seen.
            gain[i] = (float)(values[i] - floor[language[i]]);
        }
        starts.Add(keys.Length);
        return Create(languages, unique.ToArray(), starts.ToArray(), language, gain, floor);
    }

    private static TrigramScreen Create(Lingua.Language[] languages, ulong[] keys, int[] starts, byte[] language, float[] gain, double[] floor)
    {
        var bits = 4;
        while (1 << bits < 2 * Math.Max(1, keys.Length)) bits++;
        var slots = new Slot[1 << bits];
        var mask = slots.Length - 1;
        var rowWidth = (languages.Length + 15) / 16 * 16;
        // A row costs a slot per language, read sixteen at a time; entries cost three bytes and an add each. From a
        // quarter of the languages on, the row is the cheaper to read (and a table of a few languages has no rows).
        var denseFrom = Math.Max(rowWidth / 4, 5);
        int dense = 0, sparse = 0;
        for (var i = 0; i < keys.Length; i++)
            if (starts[i + 1] - starts[i] >= denseFrom) dense++;
            else sparse += starts[i + 1] - starts[i];
        var rows = new ushort[dense * rowWidth];
        var entries = new Entry[sparse];
        int row = 0, entry = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var count = starts[i + 1] - starts[i];
            int start;
            if (count >= denseFrom)
            {
                start = row;
                for (var e = starts[i]; e < starts[i + 1]; e++) rows[row + language[e]] = Quantise(gain[e]);
                row += rowWidth;
            }
            else
            {
                start = entry;
                for (var e = starts[i]; e < starts[i + 1]; e++) entries[entry++] = new Entry { Gain = Quantise(gain[e]), Language = language[e] };
            }
            var slot = Home(keys[i], 64 - bits);
            while (slots[slot].KeyAndCount != 0) slot = (slot + 1) & mask;
            slots[slot] = new Slot { KeyAndCount = keys[i] | (ulong)count << 48, Start = start };
        }
        return new TrigramScreen(languages, slots, 64 - bits, entries, rows, rowWidth, denseFrom, floor) { _source = (keys, starts, language, gain) };
    }

    // Every gain is at least 1 nat (the floor is the rarest trigram's log-probability less one), so 0 can mean unknown.
    private static ushort Quantise(float gain)
    {
        var units = Math.Round(gain * Scale, MidpointRounding.AwayFromZero);
        if (units is < 1 or > ushort.MaxValue) throw new InvalidDataException($"A trigram gain of {gain} nats does not fit the screen's 16-bit table.");
        return (ushort)units;
    }

    private const string CacheFormat = "corpus-trigram-screen 1";

    private static string CacheKey(Lingua.Language[] languages, string directory)
    {
        var text = new System.Text.StringBuilder(CacheFormat);
        foreach (var l in languages) text.Append('|').Append(Code(l)).Append(':').Append(new FileInfo(Path.Combine(directory, Code(l), "trigrams.json.br")).Length);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
    }

    private static TrigramScreen? ReadCache(string path, Lingua.Language[] languages)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadString() != CacheFormat || reader.ReadInt32() != languages.Length) return null;
            foreach (var l in languages) if (reader.ReadString() != Code(l)) return null;
            var floor = Numbers<double>(reader);
            var keys = Numbers<ulong>(reader);
            var starts = Numbers<int>(reader);
            var language = Numbers<byte>(reader);
            var gain = Numbers<float>(reader);
            if (floor.Length != languages.Length || starts.Length != keys.Length + 1 || language.Length != gain.Length || starts[^1] != gain.Length) return null;
            var screen = Create(languages, keys, starts, language, gain, floor);
            screen._source = null;
            return screen;
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void WriteCache(string path)
    {
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                writer.Write(CacheFormat);
                writer.Write(Languages.Count);
                foreach (var l in Languages) writer.Write(Code(l));
                var (keys, starts, language, gain) = _source!.Value;
                Write<double>(writer, _floor);
                Write<ulong>(writer, keys);
                Write<int>(writer, starts);
                Write<byte>(writer, language);
                Write<float>(writer, gain);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only install reads the JSON each time; nothing else changes.
            try { File.Delete(temporary); } catch (IOException) { }
        }
    }

    private static void Write<T>(BinaryWriter writer, T[] values) where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static T[] Numbers<T>(BinaryReader reader) where T : unmanaged
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > 1 << 26) throw new EndOfStreamException();
        var values = new T[count];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        if (reader.BaseStream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length) throw new EndOfStreamException();
        return values;
    }

    /// <summary>Calls <paramref name="add"/> for each trigram of one of Lingua's model files (fractions mapping to space-separated n-grams).</summary>
    private static void Read(string path, Action<char, char, char, double> add)
    {
        byte[] json;
        using (var file = File.OpenRead(path))
        using (var brotli = new BrotliStream(file, CompressionMode.Decompress))
        using (var memory = new MemoryStream())
        {
            brotli.CopyTo(memory);
            json = memory.ToArray();
        }
        var reader = new Utf8JsonReader(json);
        var inNgrams = false;
        Span<char> buffer = stackalloc char[256];
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            var name = reader.GetString()!;
            if (!inNgrams)
            {
                if (name == "ngrams") inNgrams = true;
                else reader.Read();
                continue;
            }
            var slash = name.IndexOf('/');
            var logP = Math.Log(double.Parse(name.AsSpan(0, slash), System.Globalization.CultureInfo.InvariantCulture))
                - Math.Log(double.Parse(name.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture));
            reader.Read();
            var ngrams = reader.GetString()!.AsSpan();
            foreach (var range in ngrams.Split(' '))
            {
                var ngram = ngrams[range];
                if (ngram.Length == 3) add(ngram[0], ngram[1], ngram[2], logP);
            }
        }
    }

    private static string Code(Lingua.Language language) => Lingua.LanguageInfo.IsoCode6391(language).ToString().ToLowerInvariant();
}
