using System.Runtime.InteropServices;

namespace Corpus.Crawling.Warc;

/// <summary>
/// The zlib (zlib-ng) that ships inside .NET itself (<c>libSystem.IO.Compression.Native</c>), called directly so that
/// one inflater can be reset between the gzip members of a <c>.warc.gz</c> instead of building a
/// <see cref="System.IO.Compression.DeflateStream"/> per member, and so that a record can be compressed in one call
/// from its spans. These are the runtime's own exports (the ones <c>System.IO.Compression</c> calls); where they
/// cannot be found (another runtime build, a trimmed single-file host), <see cref="Available"/> is false and the
/// callers use <c>System.IO.Compression</c>'s streams, with the same output.
/// </summary>
internal static unsafe partial class NativeZlib
{
    private const string Library = "libSystem.IO.Compression.Native";
    public const int Ok = 0, StreamEnd = 1, BufError = -5;
    public const int NoFlush = 0, FullFlush = 3, Finish = 4;

    /// <summary>The runtime's <c>PAL_ZStream</c>: zlib's in/out pointers and counts, the real <c>z_stream</c> behind <see cref="State"/>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ZStream
    {
        public byte* NextIn;
        public byte* NextOut;
        public IntPtr Msg;
        public IntPtr State;
        public uint AvailIn;
        public uint AvailOut;
    }

    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateInit2_")]
    public static partial int InflateInit2(ZStream* stream, int windowBits);

    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateReset2_")]
    public static partial int InflateReset2(ZStream* stream, int windowBits);

    [LibraryImport(Library, EntryPoint = "CompressionNative_Inflate")]
    public static partial int Inflate(ZStream* stream, int flush);

    [LibraryImport(Library, EntryPoint = "CompressionNative_InflateEnd")]
    public static partial int InflateEnd(ZStream* stream);

    [LibraryImport(Library, EntryPoint = "CompressionNative_DeflateInit2_")]
    public static partial int DeflateInit2(ZStream* stream, int level, int method, int windowBits, int memLevel, int strategy);

    [LibraryImport(Library, EntryPoint = "CompressionNative_Deflate")]
    public static partial int Deflate(ZStream* stream, int flush);

    [LibraryImport(Library, EntryPoint = "CompressionNative_DeflateEnd")]
    public static partial int DeflateEnd(ZStream* stream);

    [LibraryImport(Library, EntryPoint = "CompressionNative_Crc32")]
    public static partial uint Crc32(uint crc, byte* buffer, int length);

    private static readonly Lazy<bool> Probe = new(() =>
    {
        try
        {
            var z = new ZStream();
            if (InflateInit2(&z, -15) != Ok) return false;
            InflateReset2(&z, -15);
            InflateEnd(&z);
            byte b = 0;
            _ = Crc32(0, &b, 1);
            var d = new ZStream();
            if (DeflateInit2(&d, 1, 8, 31, 8, 0) != Ok) return false;
            DeflateEnd(&d);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    });

    /// <summary>Whether the runtime's zlib exports could be bound (checked once).</summary>
    public static bool Available => Probe.Value;
}
