using System.Buffers;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Unicode;
using Corpus.Dedup.Clustering;
using Corpus.Dedup.Lines;

namespace Corpus.Dedup.Jsonl;

/// <summary>
/// The filter stage of <c>corpus dedup</c> over JSON Lines (task i of N), writing output part i: each input line is
/// rewritten token by token once, its text cut in UTF-8 at the line numbers the signature stage recorded
/// (<see cref="LineRemovals"/>), so the text is neither decoded to a string nor folded again. The bytes are those
/// <see cref="FilterStage"/> and <see cref="JsonlDedupOutput.WriteLine"/> give (a test compares them); a line that
/// would not take the byte way there (see <see cref="JsonlDedupSource"/>) goes through them here too.
/// </summary>
public static class JsonlFilter
{
    public static void WritePart(JsonlDedupSource source, DedupRunner runner, int task)
    {
        var options = runner.Options;
        var layout = runner.Layout;
        if (!source.IsUtf8)
        {
            FilterTask(source, runner, task);
            return;
        }
        var path = layout.OutputPart(task);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None, 1))
        using (var assignments = ClusterAssignment.ReadAll(layout.Clusters(task)).GetEnumerator())
        using (var removals = new LineRemovals.Reader(layout.Removals(task)))
        {
            var pending = assignments.MoveNext() ? assignments.Current : (ClusterAssignment?)null;
            var buffer = new ArrayBufferWriter<byte>(1 << 17);
            foreach (var (bytes, line, index) in source.RawSlice(task, options.Tasks))
            {
                ClusterAssignment? mine = null;
                if (pending is { } a && a.Index == index)
                {
                    mine = a;
                    pending = assignments.MoveNext() ? assignments.Current : null;
                }
                var removed = options.RepeatedLines ? removals.For(index) : [];
                string? duplicateOf = mine is { } m && m.KeeperIndex != index ? m.KeeperId : null;
                if (!TryWrite(bytes.Span, removed, duplicateOf, mine?.KeeperId, options, buffer))
                {
                    // The way every line went before: parse it, fold the text, write the verdict.
                    var verdict = FilterStage.Verdict(source.ParseLine(bytes.Span, line, index), runner.RepeatedLines, mine);
                    JsonlDedupOutput.WriteLine(verdict, options, buffer);
                }
                if (buffer.WrittenCount >= 1 << 16)
                {
                    stream.Write(buffer.WrittenSpan);
                    buffer.ResetWrittenCount();
                }
            }
            stream.Write(buffer.WrittenSpan);
            if (pending is not null || removals.HasMore)
                throw new InvalidOperationException("Cluster assignments or line removals do not match the input: was the input changed between stages?");
        }
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>
    /// The filter of every task in one ordered pass, straight into the output: the input is read once, in batches of
    /// lines that the cores rewrite side by side (each its share of the batch, as <see cref="WritePart"/> rewrites a
    /// line), and the batches' bytes are written in input order, so no output part is written and merged again.
    /// Returns the rows written. For a file that is not UTF-8 it writes the parts and merges them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long WriteOrdered(JsonlDedupSource source, DedupRunner runner, TextWriter writer)
    {
        var options = runner.Options;
        var layout = runner.Layout;
        var tasks = options.Tasks;
        if (!source.IsUtf8 || writer is not StreamWriter { Encoding: System.Text.UTF8Encoding utf8 } sw || utf8.GetPreamble().Length != 0 || sw.NewLine != "\n")
        {
            System.Threading.Tasks.Parallel.For(0, tasks, new ParallelOptions { MaxDegreeOfParallelism = tasks }, task => WritePart(source, runner, task));
            return JsonlDedupOutput.Merge(layout, tasks, writer);
        }
        sw.Flush();
        var output = sw.BaseStream;
        var assignments = new IEnumerator<ClusterAssignment>[tasks];
        var removals = new LineRemovals.Reader[tasks];
        var pending = new ClusterAssignment?[tasks];
        try
        {
            for (var t = 0; t < tasks; t++)
            {
                assignments[t] = ClusterAssignment.ReadAll(layout.Clusters(t)).GetEnumerator();
                pending[t] = assignments[t].MoveNext() ? assignments[t].Current : null;
                removals[t] = new LineRemovals.Reader(layout.Removals(t));
            }
            var batch = new Batch();
            var outputs = Enumerable.Range(0, tasks).Select(_ => new ArrayBufferWriter<byte>(1 << 20)).ToArray();
            long rows = 0;
            void Flush()
            {
                if (batch.Count == 0) return;
                var share = (batch.Count + tasks - 1) / tasks;
                System.Threading.Tasks.Parallel.For(0, tasks, new ParallelOptions { MaxDegreeOfParallelism = tasks },
                    [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part) =>
                {
                    var buffer = outputs[part];
                    buffer.ResetWrittenCount();
                    for (var i = part * share; i < Math.Min(batch.Count, (part + 1) * share); i++)
                    {
                        ref readonly var d = ref batch.Documents[i];
                        var bytes = batch.Bytes.AsSpan(d.Offset, d.Length);
                        if (!TryWrite(bytes, d.Removed, d.DuplicateOf, d.Assignment?.KeeperId, options, buffer))
                        {
                            var verdict = FilterStage.Verdict(source.ParseLine(bytes, d.Line, d.Index), runner.RepeatedLines, d.Assignment);
                            JsonlDedupOutput.WriteLine(verdict, options, buffer);
                        }
                    }
                });
                foreach (var buffer in outputs) output.Write(buffer.WrittenSpan);
                rows += batch.Count;
                batch.Clear();
            }
            foreach (var (bytes, line, index) in source.RawSlice(0, 1))
            {
                var task = (int)(index % tasks);
                ClusterAssignment? mine = null;
                if (pending[task] is { } a && a.Index == index)
                {
                    mine = a;
                    pending[task] = assignments[task].MoveNext() ? assignments[task].Current : null;
                }
                var removed = options.RepeatedLines ? removals[task].For(index).ToArray() : [];
                var duplicateOf = mine is { } m && m.KeeperIndex != index ? m.KeeperId : null;
                batch.Add(bytes.Span, line, index, removed, duplicateOf, mine);
                if (batch.Used >= Batch.Target || batch.Count == batch.Documents.Length) Flush();
            }
            Flush();
            output.Flush();
            if (pending.Any(p => p is not null) || removals.Any(r => r.HasMore))
                throw new InvalidOperationException("Cluster assignments or line removals do not match the input: was the input changed between stages?");
            return rows;
        }
        finally
        {
            foreach (var a in assignments) a?.Dispose();
            foreach (var r in removals) r?.Dispose();
        }
    }

    /// <summary>A batch of input lines for <see cref="WriteOrdered"/>: their bytes in one buffer, and what dedup decided for each.</summary>
    private sealed class Batch
    {
        public const int Target = 1 << 20;
        public byte[] Bytes = new byte[Target + (1 << 16)];
        public int Used;
        public readonly Document[] Documents = new Document[1024];
        public int Count;

        public void Add(ReadOnlySpan<byte> line, long lineNumber, long index, int[] removed, string? duplicateOf, ClusterAssignment? assignment)
        {
            if (Bytes.Length - Used < line.Length) Array.Resize(ref Bytes, Math.Max(Bytes.Length * 2, Used + line.Length));
            line.CopyTo(Bytes.AsSpan(Used));
            Documents[Count++] = new Document(Used, line.Length, lineNumber, index, removed, duplicateOf, assignment);
            Used += line.Length;
        }

        public void Clear()
        {
            Used = 0;
            Array.Clear(Documents, 0, Count);
            Count = 0;
        }

        public readonly record struct Document(int Offset, int Length, long Line, long Index, int[] Removed, string? DuplicateOf, ClusterAssignment? Assignment);
    }

    private static void FilterTask(JsonlDedupSource source, DedupRunner runner, int task) =>
        runner.RunStep(DedupStep.Filter, source, task, verdicts => JsonlDedupOutput.WritePart(verdicts, runner.Options, runner.Layout.OutputPart(task)));

    /// <summary>
    /// Appends the output line (and <c>\n</c>) to <paramref name="buffer"/> straight from the input bytes; false, with
    /// nothing appended, when the line needs the parsed way (the conditions of <see cref="JsonlDedupSource"/>'s byte
    /// reading, or a value the token copy does not take).
    /// </summary>
    public static bool TryWrite(ReadOnlySpan<byte> line, ReadOnlySpan<int> removed, string? duplicateOf, string? cluster, DedupOptions options,
        ArrayBufferWriter<byte> buffer)
    {
        // Most lines are already in the writer's form: their rewrite is a copy of their bytes.
        if (RawLineCopy.TryWrite(line, removed, duplicateOf, cluster, options, buffer)) return true;
        var w = _json ??= new Utf8JsonWriter(buffer, JsonlDedupOutput.WriterOptions);
        var mark = buffer.WrittenCount;
        try
        {
            if (!Utf8.IsValid(line)) return Fail();
            w.Reset(buffer);
            Span<ulong> names = stackalloc ulong[64];
            var count = 0;
            var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Fail();
            w.WriteStartObject();
            bool id = false, text = false, removedCount = false, duplicate = false, clustered = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueIsEscaped || count == names.Length) return Fail();
                var name = reader.ValueSpan;
                var hash = XxHash3.HashToUInt64(name);
                if (names[..count].Contains(hash)) return Fail();
                names[count++] = hash;
                w.WritePropertyName(name);
                reader.Read();
                if (name.SequenceEqual("text"u8))
                {
                    if (reader.TokenType != JsonTokenType.String) return Fail();
                    text = true;
                    if (options.RepeatedLines) WriteText(ref reader, removed, w);
                    else JsonlDedupOutput.Copy(ref reader, w);
                    continue;
                }
                if (name.SequenceEqual("id"u8) || name.SequenceEqual("url"u8) || name.SequenceEqual("domain"u8) || name.SequenceEqual("published"u8))
                {
                    // The fields dedup reads must be strings (or null but for id) that decode, as the byte reading has them.
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        if (reader.ValueIsEscaped) reader.GetString();
                        id |= name[0] == (byte)'i';
                    }
                    else if (reader.TokenType != JsonTokenType.Null || name[0] == (byte)'i') return Fail();
                    JsonlDedupOutput.Copy(ref reader, w);
                    continue;
                }
                if (options.RepeatedLines && name.SequenceEqual("repeated_lines_removed"u8)) { w.WriteNumberValue(removed.Length); removedCount = true; }
                else if (name.SequenceEqual("duplicate_of"u8)) { JsonlDedupOutput.StringOrNull(w, duplicateOf); duplicate = true; }
                else if (name.SequenceEqual("dup_cluster"u8)) { JsonlDedupOutput.StringOrNull(w, cluster); clustered = true; }
                else { JsonlDedupOutput.Copy(ref reader, w); continue; }
                reader.Skip();
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || !id || !text) return Fail();
            if (options.RepeatedLines && !removedCount) w.WriteNumber("repeated_lines_removed"u8, removed.Length);
            if (!duplicate) { w.WritePropertyName("duplicate_of"u8); JsonlDedupOutput.StringOrNull(w, duplicateOf); }
            if (!clustered) { w.WritePropertyName("dup_cluster"u8); JsonlDedupOutput.StringOrNull(w, cluster); }
            w.WriteEndObject();
            w.Flush();
            buffer.Write("\n"u8);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or ArgumentException)
        {
            return Fail();
        }

        bool Fail()
        {
            w.Reset(buffer);
            JsonlDedupOutput.Truncate(buffer, mark);
            return false;
        }
    }

    [ThreadStatic] private static Utf8JsonWriter? _json;

    /// <summary>The text value without the removed lines (split at <c>\n</c>, rejoined, <c>\n</c> trimmed at both ends), in UTF-8.</summary>
    private static void WriteText(ref Utf8JsonReader reader, ReadOnlySpan<int> removed, Utf8JsonWriter w)
    {
        if (removed.IsEmpty && !reader.ValueIsEscaped)
        {
            w.WriteStringValue(reader.ValueSpan);
            return;
        }
        var value = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        var kept = removed.IsEmpty ? null : ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var length = reader.ValueIsEscaped ? reader.CopyString(value) : Copied(reader.ValueSpan, value);
            var text = value.AsSpan(0, length);
            if (kept is null)
            {
                w.WriteStringValue(text);
                return;
            }
            var keptLength = 0;
            var first = true;
            var next = 0; // index into removed
            var lineNumber = 0;
            var start = 0;
            while (true)
            {
                var end = text[start..].IndexOf((byte)'\n');
                var lineBytes = end < 0 ? text[start..] : text.Slice(start, end);
                if (next < removed.Length && removed[next] == lineNumber) next++;
                else
                {
                    if (!first) kept[keptLength++] = (byte)'\n';
                    lineBytes.CopyTo(kept.AsSpan(keptLength));
                    keptLength += lineBytes.Length;
                    first = false;
                }
                if (end < 0) break;
                start += end + 1;
                lineNumber++;
            }
            w.WriteStringValue(kept.AsSpan(0, keptLength).Trim((byte)'\n'));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(value);
            if (kept is not null) ArrayPool<byte>.Shared.Return(kept);
        }
    }

    private static int Copied(ReadOnlySpan<byte> from, Span<byte> to)
    {
        from.CopyTo(to);
        return from.Length;
    }
}
