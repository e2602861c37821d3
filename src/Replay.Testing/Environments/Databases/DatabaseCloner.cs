using System.Data.Common;
using Npgsql;

namespace Replay.Testing.Environments.Databases;

/// <summary>Makes and scrubs the clone a spec asks for; on any failure, drops what it made.</summary>
internal static class DatabaseCloner
{
    public static async Task<DatabaseClone> CloneAndScrubAsync(DatabaseCloneSpec spec, string runId, Action<string> log, CancellationToken cancellationToken)
    {
        var clone = spec.Provider.ToLowerInvariant() switch
        {
            "sqlite" => await SqliteCloner.CloneAsync(spec, runId, log, cancellationToken).ConfigureAwait(false),
            "postgresql" or "postgres" => await PostgreSqlCloner.CloneAsync(spec, runId, log, cancellationToken).ConfigureAwait(false),
            _ => throw new ReplayConfigurationException(
                $"The database clone provider \"{spec.Provider}\" is not supported; use \"sqlite\" or \"postgresql\"."),
        };

        try
        {
            var records = new List<ScrubRecord>();
            if (spec.Scrub.Count > 0)
            {
                await using var connection = Open(clone.Database);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                foreach (var step in spec.Scrub)
                {
                    long rows = await step.RunAsync(connection, cancellationToken).ConfigureAwait(false);
                    records.Add(new ScrubRecord(step.Description, rows));
                    log($"  scrub:   {step.Description} ({(rows < 0 ? "done" : $"{rows:N0} rows")})");
                }
            }

            clone.Scrubbed = records;
            return clone;
        }
        catch
        {
            await clone.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static DbConnection Open(ClonedDatabase database) => database.Provider == "sqlite"
        ? new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString)
        : new NpgsqlConnection(database.ConnectionString);
}
