using System.Data.Common;

namespace Replay.Testing.Environments.Databases;

/// <summary>
/// One step run on a cloned database before any traffic reaches it, so nothing the replay does can reach a real
/// customer (mail them, charge them). What ran is recorded for the report.
/// </summary>
public sealed class ScrubStep
{
    private readonly Func<DbConnection, CancellationToken, Task<long>> _run;

    private ScrubStep(string description, Func<DbConnection, CancellationToken, Task<long>> run)
    {
        Description = description;
        _run = run;
    }

    /// <summary>What the step does, as the report states it.</summary>
    public string Description { get; }

    /// <summary>A SQL statement; the report shows it with the rows it changed.</summary>
    public static ScrubStep Sql(string sql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return new ScrubStep(sql.Trim(), async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        });
    }

    /// <summary>Code of your own; it returns the rows it changed (or -1 when that has no meaning).</summary>
    public static ScrubStep Code(string description, Func<DbConnection, CancellationToken, Task<long>> run) =>
        new(description, run ?? throw new ArgumentNullException(nameof(run)));

    internal Task<long> RunAsync(DbConnection connection, CancellationToken cancellationToken) => _run(connection, cancellationToken);
}
