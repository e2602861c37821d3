using Microsoft.Data.Sqlite;

namespace Replay.Testing.Environments.Databases;

/// <summary>
/// Clones a SQLite database with SQLite's online backup API: a consistent copy even while the source is being
/// written, which a file copy is not.
/// </summary>
internal static class SqliteCloner
{
    public static async Task<DatabaseClone> CloneAsync(DatabaseCloneSpec spec, string runId, CancellationToken cancellationToken)
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

        string folder = Path.Combine(Path.GetTempPath(), "replay-testing", "clones", runId);
        Directory.CreateDirectory(folder);
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
