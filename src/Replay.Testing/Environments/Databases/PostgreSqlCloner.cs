using System.Diagnostics;
using Npgsql;

namespace Replay.Testing.Environments.Databases;

/// <summary>
/// Clones a PostgreSQL database into a fresh database on the same server: <c>CREATE DATABASE … TEMPLATE …</c>
/// (fast, but refused while anyone is connected to the source), else <c>pg_dump | pg_restore</c>. The clone is
/// dropped at teardown.
/// </summary>
internal static class PostgreSqlCloner
{
    public const string ClonePrefix = "replay_";

    public static async Task<DatabaseClone> CloneAsync(DatabaseCloneSpec spec, string runId, Action<string> log, CancellationToken cancellationToken)
    {
        var source = new NpgsqlConnectionStringBuilder(spec.Source);
        if (string.IsNullOrEmpty(source.Database))
        {
            throw new EnvironmentProvisioningException("The PostgreSQL connection string to clone names no Database; add \"Database=<name>\".");
        }

        string clone = $"{ClonePrefix}{source.Database}_{runId}".ToLowerInvariant();
        var maintenance = new NpgsqlConnectionStringBuilder(spec.Source) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(maintenance.ToString()))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await Execute(connection, $"CREATE DATABASE {Quote(clone)} TEMPLATE {Quote(source.Database)}", cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse)
            {
                log($"  database: {source.Database} has open connections; cloning with pg_dump | pg_restore instead");
                await Execute(connection, $"CREATE DATABASE {Quote(clone)}", cancellationToken).ConfigureAwait(false);
                try
                {
                    await DumpAndRestoreAsync(source, clone, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await Execute(connection, $"DROP DATABASE IF EXISTS {Quote(clone)} WITH (FORCE)", CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
            }
        }

        var target = new NpgsqlConnectionStringBuilder(spec.Source) { Database = clone };
        long size;
        await using (var connection = new NpgsqlConnection(maintenance.ToString()))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_database_size(@name)", connection);
            command.Parameters.AddWithValue("name", clone);
            size = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        return new DatabaseClone(new ClonedDatabase("postgresql", target.ToString(), clone), $"PostgreSQL database {source.Database} on {source.Host}", size,
            async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(maintenance.ToString());
                await connection.OpenAsync().ConfigureAwait(false);
                await Execute(connection, $"DROP DATABASE IF EXISTS {Quote(clone)} WITH (FORCE)", CancellationToken.None).ConfigureAwait(false);
            });
    }

    /// <summary>Clones left behind by crashed runs: every database named <c>replay_…</c> on the server.</summary>
    public static async Task<IReadOnlyList<string>> FindLeftoversAsync(string connectionString, CancellationToken cancellationToken)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{ClonePrefix}%' ORDER BY datname", connection);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task DumpAndRestoreAsync(NpgsqlConnectionStringBuilder source, string clone, CancellationToken cancellationToken)
    {
        var dump = Start("pg_dump", source, ["-Fc", "--no-owner", "--no-acl", source.Database!]);
        var restore = Start("pg_restore", source, ["--no-owner", "--no-acl", "-d", clone]);
        dump.StandardInput.Close();
        var copy = dump.StandardOutput.BaseStream.CopyToAsync(restore.StandardInput.BaseStream, cancellationToken)
            .ContinueWith(_ => restore.StandardInput.Close(), TaskScheduler.Default);
        string dumpErrors = await dump.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        string restoreErrors = await restore.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await copy.ConfigureAwait(false);
        await dump.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await restore.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (dump.ExitCode != 0 || restore.ExitCode != 0)
        {
            throw new EnvironmentProvisioningException(
                $"Cloning {source.Database} with pg_dump | pg_restore failed (exit codes {dump.ExitCode} and {restore.ExitCode}): {dumpErrors}{restoreErrors}".Trim());
        }
    }

    private static Process Start(string tool, NpgsqlConnectionStringBuilder source, string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-h", source.Host!, "-p", source.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", source.Username ?? "postgres" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        // The password goes through the environment, never the command line (visible in ps).
        if (!string.IsNullOrEmpty(source.Password))
        {
            start.Environment["PGPASSWORD"] = source.Password;
        }

        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new EnvironmentProvisioningException(
                $"The source database has open connections, so it must be cloned with {tool}, which is not installed: {e.Message}. Install the PostgreSQL client tools (apt-get install postgresql-client).", e);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
