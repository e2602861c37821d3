using System.Diagnostics;
using System.Globalization;

namespace Replay.Testing;

/// <summary>
/// Holds the machine-wide replay lock: two replays at once would measure each other, also when they run in two test
/// assemblies of one <c>dotnet test</c>. A semaphore orders replays within the process; an exclusively opened file
/// orders processes, and the operating system releases it if a process dies holding it.
/// </summary>
internal sealed class ReplayLock : IAsyncDisposable
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private readonly FileStream _file;

    private ReplayLock(FileStream file) => _file = file;

    /// <summary>The lock file; <c>REPLAY_LOCK_FILE</c> moves it, for machines whose temp folder is per user.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("REPLAY_LOCK_FILE") is { Length: > 0 } path ? path : Path.Combine(Path.GetTempPath(), "replay-testing", "replay.lock");

    /// <summary>Waits until no other replay runs, on this machine, then holds the lock until disposed.</summary>
    /// <param name="path">The lock file.</param>
    /// <param name="log">Told once, with the holder's pid, when another process holds the lock.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public static async Task<ReplayLock> AcquireAsync(string path, Action<string> log, CancellationToken cancellationToken)
    {
        await InProcess.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            bool told = false;
            var waited = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    // FileShare.None takes an exclusive flock(2) on Unix and a sharing lock on Windows.
                    var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    File.WriteAllText(path + ".owner", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                    if (told)
                    {
                        log($"  lock:    acquired after {waited.Elapsed.TotalSeconds:0.0} s");
                    }

                    return new ReplayLock(file);
                }
                catch (IOException) when (!cancellationToken.IsCancellationRequested)
                {
                    if (!told)
                    {
                        log($"  lock:    waiting for the replay in process {Holder(path)} to finish ({path})");
                        told = true;
                    }

                    await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            InProcess.Release();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        InProcess.Release();
    }

    private static string Holder(string path)
    {
        try
        {
            return File.ReadAllText(path + ".owner").Trim() is { Length: > 0 } pid ? pid : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
