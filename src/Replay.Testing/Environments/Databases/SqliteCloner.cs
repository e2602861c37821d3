using Microsoft.Data.Sqlite;

namespace Replay.Testing.Environments.Databases;

/// <summary>
/// Clones a SQLite database with SQLite's online backup API: a consistent copy even while the source is being
/// written, which a file copy is not. Each run's clone lives in its own folder with a note of the process that owns
/// it, so a later run removes the clones of runs that were killed before they could clean up.
/// </summary>
internal static class SqliteCloner
{
    private const string OwnerFile = "owner";

    /// <summary>Where the clones live, one folder per run.</summary>
    internal static string ClonesRoot => Path.Combine(Path.GetTempPath(), "replay-testing", "clones");

    public static async Task<DatabaseClone> CloneAsync(DatabaseCloneSpec spec, string runId, Action<string> log, CancellationToken cancellationToken)
    {
        var source = new SqliteConnectionStringBuilder(spec.Source.Contains('=', StringComparison.Ordinal) ? spec.Source : $"Data Source={spec.Source}")
        {
            Mode = SqliteOpenMode.ReadOnly,
        };
        if (!File.Exists(source.DataSource))
        {
            throw new EnvironmentProvisioningException(
                $"The SQLite database to clone, \"{Path.GetFullPath(source.DataSource)}\", does not exist. Point the clone's source at the production (or staging) database file.");
        }

        foreach (string leftover in SweepLeftovers())
        {
            log($"  clone:   removed {leftover}, left by a run that ended without cleaning up");
        }

        string folder = Path.Combine(ClonesRoot, runId);
        Directory.CreateDirectory(folder);
        using (var self = System.Diagnostics.Process.GetCurrentProcess())
        {
            File.WriteAllText(Path.Combine(folder, OwnerFile), $"{Environment.ProcessId} {self.StartTime.ToUniversalTime().Ticks}");
        }

        string path = Path.Combine(folder, Path.GetFileNameWithoutExtension(source.DataSource) + $".replay-{runId}" + Path.GetExtension(source.DataSource));
        var clone = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        try
        {
            await Task.Run(() =>
            {
                using var from = new SqliteConnection(source.ToString());
                using var to = new SqliteConnection(clone);
                from.Open();
                to.Open();
                from.BackupDatabase(to);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }

        return new DatabaseClone(new ClonedDatabase("sqlite", clone, path), $"SQLite file {source.DataSource}", new FileInfo(path).Length, () =>
        {
            SqliteConnection.ClearAllPools();
            TryDelete(folder);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Deletes the run folders whose owning process has ended (or, without an owner note, a day old).</summary>
    /// <returns>The folders deleted.</returns>
    internal static IReadOnlyList<string> SweepLeftovers()
    {
        var removed = new List<string>();
        if (!Directory.Exists(ClonesRoot))
        {
            return removed;
        }

        foreach (string folder in Directory.GetDirectories(ClonesRoot))
        {
            string owner = Path.Combine(folder, OwnerFile);
            bool abandoned = File.Exists(owner)
                ? !IsRunning(File.ReadAllText(owner))
                : Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddDays(-1);
            if (abandoned)
            {
                TryDelete(folder);
                removed.Add(folder);
            }
        }

        return removed;
    }

    // "pid start-ticks": the same pid with another start time is another process that reused the number. The start
    // time is derived from the boot time, which the OS reports with some jitter: a second's tolerance.
    private static bool IsRunning(string owner)
    {
        string[] parts = owner.Split(' ');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int pid) || !long.TryParse(parts[1], out long started))
        {
            return true;   // unreadable: leave it to its owner
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited && Math.Abs(process.StartTime.ToUniversalTime().Ticks - started) < TimeSpan.TicksPerSecond;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        // The target has stopped by now; a handle still closing gets a few tries.
        for (int attempt = 0; attempt < 5 && Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException) when (attempt < 4)
            {
                Thread.Sleep(100);
            }
        }
    }
}
