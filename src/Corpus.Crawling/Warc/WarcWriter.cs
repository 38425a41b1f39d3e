using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Corpus.Crawling.Warc;

/// <summary>Where a record landed: the file's name (as published, <c>*.warc.gz</c>) and the gzip member's offset.</summary>
public readonly record struct WarcPosition(string File, long Offset);

/// <summary>
/// Appends records to <c>&lt;prefix&gt;-&lt;stamp&gt;-&lt;nnnnn&gt;.warc.gz</c> in a folder, one gzip member per record,
/// a <c>warcinfo</c> record first in every file, rotating when a file passes <c>maxBytes</c>.
/// A file being written is named <c>*.warc.gz.open</c>; readers only take closed files. After a crash,
/// <see cref="Recover"/> cuts an open file back to the length the caller last committed (so a half-written member
/// never survives) and closes it. A writer never appends to a file an earlier process wrote.
/// </summary>
public sealed class WarcWriter : IDisposable
{
    public const string OpenSuffix = ".open";
    private readonly string _dir;
    private readonly string _prefix;
    private readonly long _maxBytes;
    private readonly string _software;
    private readonly string _stamp;
    private int _sequence;
    private Stream? _file;
    private bool _broken;
    /// <summary>Opens a file for writing; a test swaps in a stream that runs out of space.</summary>
    public Func<string, Stream> OpenFile { get; init; } = path => new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
    private string? _name;

    public WarcWriter(string dir, string prefix, long maxBytes, string software)
    {
        _dir = dir;
        _prefix = prefix;
        _maxBytes = maxBytes;
        _software = software;
        _stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(dir);
    }

    /// <summary>The current file's name and the length that is safe to commit (every member complete and flushed).</summary>
    public (string File, long Length)? Current => _name is null ? null : (_name, _file!.Length);

    /// <summary>Writes records as consecutive gzip members of one file and flushes them; returns where each starts.</summary>
    public IReadOnlyList<WarcPosition> Append(IReadOnlyList<byte[]> records)
    {
        var members = new WarcMembers();
        foreach (var record in records) members.Add(record);
        var positions = Append([members])[0];
        members.Release();
        return positions;
    }

    /// <summary>
    /// Writes several visits' records (compressed beforehand, off the writer's turn) back to back into one file with
    /// one flush; returns where each record of each starts. A file is only ever rotated before a batch, so a closed
    /// file holds nothing its caller has not committed.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<WarcPosition>> Append(IReadOnlyList<WarcMembers> batch)
    {
        if (_broken) throw new IOException($"an earlier write to {_name}{OpenSuffix} failed; the crawl must be resumed");
        if (_file is null || _file.Length >= _maxBytes) Rotate();
        var at = _file!.Length;
        try
        {
            _file.Seek(0, SeekOrigin.End);
            foreach (var members in batch) _file.Write(members.Bytes);
            _file.Flush();
        }
        catch (IOException)
        {
            Break(at);
            throw;
        }
        var positions = new IReadOnlyList<WarcPosition>[batch.Count];
        var start = at;
        for (var i = 0; i < batch.Count; i++)
        {
            var list = new WarcPosition[batch[i].Count];
            for (var r = 0; r < list.Length; r++) list[r] = new WarcPosition(_name!, start + batch[i].StartOf(r));
            positions[i] = list;
            start += batch[i].Bytes.Length;
        }
        return positions;
    }

    private void Rotate()
    {
        Close();
        _name = $"{_prefix}-{_stamp}-{_sequence++:00000}.warc.gz";
        _file = OpenFile(Path.Combine(_dir, _name + OpenSuffix));
        var fields = $"software: {_software}\r\nformat: WARC File Format 1.1\r\nconformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n";
        var info = WarcRecordBuilder.Serialize(
        [
            new("WARC-Type", "warcinfo"),
            new("WARC-Date", WarcRecordBuilder.FormatDate(DateTimeOffset.UtcNow)),
            new("WARC-Filename", _name),
            new("WARC-Record-ID", WarcRecordBuilder.NewRecordId()),
            new("Content-Type", "application/warc-fields"),
        ], Encoding.UTF8.GetBytes(fields));
        var member = new WarcMembers();
        member.Add(info);
        try
        {
            _file.Write(member.Bytes);
            _file.Flush();
        }
        catch (IOException)
        {
            Break(0);
            throw;
        }
    }

    /// <summary>
    /// A write failed (a full disk): cut the file back to its last complete member if the disk allows, and never
    /// publish it under its final name; the next run's <see cref="Recover"/> cuts it to what was committed.
    /// </summary>
    private void Break(long completeLength)
    {
        _broken = true;
        try
        {
            _file!.SetLength(completeLength);
        }
        catch (IOException)
        {
            // Recover does it on the next run.
        }
    }

    /// <summary>Closes the current file: renames <c>.open</c> away so readers see it (not after a failed write).</summary>
    public void Close()
    {
        if (_file is null) return;
        if (_broken)
        {
            try { _file.Dispose(); } catch (IOException) { }
            _file = null;
            _name = null;
            return;
        }
        try
        {
            if (_file is FileStream fs) fs.Flush(flushToDisk: true); else _file.Flush();
        }
        catch (IOException)
        {
            _broken = true;
            try { _file.Dispose(); } catch (IOException) { }
            _file = null;
            _name = null;
            throw;
        }
        _file.Dispose();
        File.Move(Path.Combine(_dir, _name + OpenSuffix), Path.Combine(_dir, _name!), overwrite: false);
        _file = null;
        _name = null;
    }

    /// <summary>
    /// Closes the open files a killed writer left, each cut back to its committed length (from
    /// <paramref name="committedLength"/>, by published name); a file with nothing committed is deleted.
    /// </summary>
    public static void Recover(string dir, Func<string, long?> committedLength)
    {
        if (!Directory.Exists(dir)) return;
        foreach (var open in Directory.GetFiles(dir, "*.warc.gz" + OpenSuffix))
        {
            var name = Path.GetFileName(open)[..^OpenSuffix.Length];
            var keep = committedLength(name);
            if (keep is null or <= 0)
            {
                File.Delete(open);
                continue;
            }
            using (var f = new FileStream(open, FileMode.Open, FileAccess.Write))
                if (f.Length > keep) f.SetLength(keep.Value);
            File.Move(open, Path.Combine(dir, name), overwrite: true);
        }
    }

    public void Dispose() => Close();
}

/// <summary>
/// Records compressed as consecutive gzip members, one per record (so each can be read alone from its offset), ready
/// for <see cref="WarcWriter.Append(IReadOnlyList{WarcMembers})"/>: compressing is the costly part, done by each worker.
/// A record is deflated by the runtime's zlib (level 1, as <see cref="CompressionLevel.Fastest"/>) with a compressor
/// each worker thread keeps (<see cref="MemberDeflater"/>), and a record shorter than <see cref="StoredBelow"/> bytes
/// (a request head, a failure note) is stored in its member uncompressed (a deflate "stored" block: any gzip reader
/// reads it), which spares zlib's work for the few bytes it would save. Where the runtime's zlib cannot be called, <see cref="GZipStream"/> compresses every record.
/// </summary>
public sealed class WarcMembers
{
    /// <summary>Records shorter than this go into their member uncompressed.</summary>
    public const int StoredBelow = 1024;
    private readonly bool _managed;
    private byte[] _data;
    private int _length;
    private readonly List<int> _starts = [];

    public WarcMembers() : this(managed: false) { }

    /// <summary><paramref name="managed"/> compresses with <see cref="GZipStream"/> only (the fallback; tests compare both).</summary>
    internal WarcMembers(bool managed)
    {
        _managed = managed || !NativeZlib.Available;
        _data = [];
    }

    public int Count => _starts.Count;

    /// <summary>The members, back to back.</summary>
    public ReadOnlySpan<byte> Bytes => _data.AsSpan(0, _length);

    /// <summary>Where record <paramref name="index"/>'s member starts in <see cref="Bytes"/>.</summary>
    public int StartOf(int index) => _starts[index];

    public void Add(ReadOnlySpan<byte> record)
    {
        _starts.Add(_length);
        if (_managed)
        {
            var buffer = new MemoryStream();
            using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(record);
            Append(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        else if (record.Length < StoredBelow) AddStored(record);
        else AddDeflated(record);
    }

    /// <summary>Appends the members of <paramref name="other"/> (already compressed) after these.</summary>
    public void Add(WarcMembers other)
    {
        for (var i = 0; i < other.Count; i++) _starts.Add(_length + other._starts[i]);
        Append(other.Bytes);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_data.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Reserve(int more)
    {
        if (_length + more <= _data.Length) return;
        // Pooled: a visit's members live only until the archiver has written them (see Release).
        var bigger = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(Math.Max(_data.Length * 2, 8192), _length + more));
        _data.AsSpan(0, _length).CopyTo(bigger);
        if (_data.Length > 0) System.Buffers.ArrayPool<byte>.Shared.Return(_data);
        _data = bigger;
    }

    /// <summary>
    /// Gives the members' buffer back to the pool once they are written (or copied into other members): nothing may read
    /// <see cref="Bytes"/> after this. Where each record started (<see cref="StartOf"/>) is kept.
    /// </summary>
    public void Release()
    {
        if (_data.Length > 0) System.Buffers.ArrayPool<byte>.Shared.Return(_data);
        _data = [];
        _length = 0;
    }

    // gzip header: magic, deflate, no flags, no mtime, no extra flags, OS "Unix" (as zlib writes it).
    private static ReadOnlySpan<byte> Header => [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];

    /// <summary>A member holding the record in one stored deflate block (a record under 64 KB), with its CRC-32 and size.</summary>
    private unsafe void AddStored(ReadOnlySpan<byte> record)
    {
        Reserve(Header.Length + 5 + record.Length + 8);
        var span = _data.AsSpan(_length);
        Header.CopyTo(span);
        span[10] = 1;   // BFINAL, BTYPE 00 (stored)
        BinaryPrimitives.WriteUInt16LittleEndian(span[11..], (ushort)record.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(span[13..], (ushort)~record.Length);
        record.CopyTo(span[15..]);
        uint crc;
        fixed (byte* p = record) crc = NativeZlib.Crc32(0, p, record.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(15 + record.Length)..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(19 + record.Length)..], (uint)record.Length);
        _length += Header.Length + 5 + record.Length + 8;
    }

    /// <summary>A gzip member deflated by this thread's zlib compressor (level 1), kept between records.</summary>
    private void AddDeflated(ReadOnlySpan<byte> record) => Append(MemberDeflater.Member(record));
}
