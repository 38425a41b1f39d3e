using System.Runtime.InteropServices;

namespace Corpus.Parquet.Writing;

/// <summary>
/// Keeps the C library's heap from holding closed row groups. Arrow's Parquet writer allocates its page and stream
/// buffers with <c>malloc</c>; glibc serves a large block with its own <c>mmap</c>, returned to the system when freed,
/// but raises that threshold to the largest such block freed so far (up to 32 MB). After the first row group, Arrow's
/// megabyte-sized buffers therefore came from the heap, whose freed pages stay resident: the process held about half a
/// row group more than its live buffers (benchmark <c>write</c>: 209 MB peak against 154 MB with the threshold fixed,
/// 70,000 rows in 100 MB groups). Fixing the threshold at glibc's own default (128 KB) turns that adjustment off.
/// Once per process; a no-op off glibc (musl's <c>mallopt</c> does nothing; other systems have no libc.so.6).
/// </summary>
internal static class NativeHeap
{
    private const int MmapThresholdOption = -3; // M_MMAP_THRESHOLD in glibc's malloc.h
    private const int MmapThresholdBytes = 128 * 1024; // glibc's default, held fixed

    private static int _set;

    public static void KeepLargeBlocksMapped()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _set, 1) == 1) return;
        try
        {
            _ = MallOpt(MmapThresholdOption, MmapThresholdBytes);
        }
        catch (DllNotFoundException)
        {
            // Not glibc: nothing to tune.
        }
        catch (EntryPointNotFoundException)
        {
            // A C library without mallopt: nothing to tune.
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt", ExactSpelling = true)]
    private static extern int MallOpt(int option, int value);
}
