using System.Diagnostics;
using Npgsql;

namespace Replay.Testing.IntegrationTests.Servers;

/// <summary>
/// A private PostgreSQL cluster on a free 127.0.0.1 port, in a temporary folder owned by the <c>postgres</c> user
/// (PostgreSQL refuses to run as root), with trust authentication. Stopped and removed on disposal.
/// <c>.ci/setup</c> installs PostgreSQL.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    private string _directory = "";
    private string _bin = "";

    public int Port { get; private set; }

    /// <summary>A connection string for a database on this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = false }.ToString();

    public async ValueTask InitializeAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "pg_ctl"))).Order().LastOrDefault() ?? ""
            : "";
        if (_bin.Length == 0)
        {
            throw new InvalidOperationException("PostgreSQL is not installed; run `bash .ci/setup` (it installs postgresql).");
        }

        _directory = Directory.CreateTempSubdirectory("replay-postgres-").FullName;
        Port = LoopbackPort.Free();
        await RunAsync("chown", "postgres", _directory);
        await AsPostgresAsync($"{_bin}/initdb -D {_directory}/data -A trust -U postgres");
        await AsPostgresAsync($"{_bin}/pg_ctl -D {_directory}/data -o \"-c listen_addresses=127.0.0.1 -p {Port} -k {_directory}\" -l {_directory}/pg.log -w start");
    }

    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory.Length == 0)
        {
            return;
        }

        if (File.Exists(Path.Combine(_directory, "data", "postmaster.pid")))
        {
            await AsPostgresAsync($"{_bin}/pg_ctl -D {_directory}/data -m immediate -w stop");
        }

        Directory.Delete(_directory, recursive: true);
    }

    private Task AsPostgresAsync(string command) => RunAsync("su", "postgres", "-s", "/bin/sh", "-c", command);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}{await output}");
        }
    }
}
