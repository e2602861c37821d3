using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Replay.Testing.Load;

/// <summary>
/// Waits for an arrival's due time without burning a core. Thread.Sleep cannot wait less than a millisecond and
/// spinning (or Thread.Yield, which returns at once when nothing else is runnable) takes a core from the target on
/// a small machine, so short waits use nanosleep where the OS has it: about 60 µs of lateness at most, which the
/// engine records as scheduler lag and counts in the response time.
/// </summary>
internal static class ArrivalClock
{
    private static readonly bool HasNanosleep = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();
    private static readonly long OneMillisecond = Stopwatch.Frequency / 1000;

    /// <summary>Returns when <paramref name="dueAt"/> (a Stopwatch timestamp) has passed, or false once cancelled.</summary>
    public static bool WaitUntil(long dueAt, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            long remaining = dueAt - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return true;
            }

            if (remaining > 2 * OneMillisecond)
            {
                Thread.Sleep(1);
            }
            else if (HasNanosleep)
            {
                SleepBriefly(remaining);
            }
            else
            {
                Thread.Yield();
            }
        }
    }

    private static void SleepBriefly(long stopwatchTicks)
    {
        long nanoseconds = (long)(stopwatchTicks * (1_000_000_000.0 / Stopwatch.Frequency));
        var request = new Timespec { Seconds = 0, Nanoseconds = (nint)Math.Clamp(nanoseconds, 1_000, 999_999_999) };
        _ = Nanosleep(ref request, IntPtr.Zero);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "nanosleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Nanosleep(ref Timespec request, IntPtr remaining);
}
