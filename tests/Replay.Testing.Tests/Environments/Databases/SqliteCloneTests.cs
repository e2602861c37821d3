using Microsoft.Data.Sqlite;
using Replay.Testing.Environments;
using Replay.Testing.Environments.Databases;

namespace Replay.Testing.Tests.Environments.Databases;

public sealed class SqliteCloneTests : IDisposable
{
    private readonly string _source = Path.Combine(Path.GetTempPath(), $"replay-shop-{Guid.NewGuid():N}.db");

    public SqliteCloneTests()
    {
        using var connection = new SqliteConnection($"Data Source={_source}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
            INSERT INTO users SELECT i, 'customer' || i || '@example.com' FROM n;
            """;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_source);
    }

    private static long Count(string connectionString, string sql)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task A_live_database_is_copied_with_the_backup_api_scrubbed_and_removed_at_teardown()
    {
        // A reader holds the source open, as the production app would: the backup API copies it consistently.
        await using var busy = new SqliteConnection($"Data Source={_source}");
        await busy.OpenAsync(TestContext.Current.CancellationToken);
        var spec = new DatabaseCloneSpec("sqlite", $"Data Source={_source}", "ConnectionStrings__Shop")
        {
            Scrub = [ScrubStep.Sql("UPDATE users SET email = 'user' || id || '@scrubbed.invalid'")],
        };

        string clonePath;
        await using (var clone = await DatabaseCloner.CloneAndScrubAsync(spec, "t1", _ => { }, TestContext.Current.CancellationToken))
        {
            clonePath = new SqliteConnectionStringBuilder(clone.Database.ConnectionString).DataSource;
            clonePath.Should().NotBe(_source);
            Count(clone.Database.ConnectionString, "SELECT count(*) FROM users WHERE email LIKE '%@scrubbed.invalid'").Should().Be(1000);
            Count($"Data Source={_source}", "SELECT count(*) FROM users WHERE email LIKE '%@example.com'").Should().Be(1000, "the source is untouched");
            clone.Scrubbed.Single().RowsChanged.Should().Be(1000);
        }

        File.Exists(clonePath).Should().BeFalse("the clone is deleted at teardown");
    }

    [Fact]
    public async Task A_missing_source_names_the_file_and_the_fix()
    {
        var spec = new DatabaseCloneSpec("sqlite", "Data Source=/nowhere/shop.db", "X");

        var act = () => DatabaseCloner.CloneAndScrubAsync(spec, "t2", _ => { }, TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<Exception>().WithMessage("*\"/nowhere/shop.db\", does not exist*");
    }

    [Fact]
    public async Task Clones_left_by_a_killed_run_are_removed_by_the_next_one_and_live_runs_keep_theirs()
    {
        using var ended = System.Diagnostics.Process.Start("true")!;
        await ended.WaitForExitAsync(TestContext.Current.CancellationToken);
        string root = SqliteCloner.ClonesRoot;
        string dead = Path.Combine(root, "dead" + Guid.NewGuid().ToString("N")[..6]);
        string reused = Path.Combine(root, "reused" + Guid.NewGuid().ToString("N")[..6]);
        string live = Path.Combine(root, "live" + Guid.NewGuid().ToString("N")[..6]);
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        foreach (var (folder, owner) in new[]
        {
            (dead, $"{ended.Id} {DateTime.UtcNow.Ticks}"),
            (reused, $"{Environment.ProcessId} {self.StartTime.ToUniversalTime().AddHours(-1).Ticks}"),   // our pid, another start: a reused number
            (live, $"{Environment.ProcessId} {self.StartTime.ToUniversalTime().Ticks}"),
        })
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "owner"), owner);
            File.WriteAllText(Path.Combine(folder, "shop.replay-x.db"), "clone");
        }

        var lines = new List<string>();
        await using (var clone = await DatabaseCloner.CloneAndScrubAsync(new DatabaseCloneSpec("sqlite", $"Data Source={_source}", "X"), "t3", lines.Add, TestContext.Current.CancellationToken))
        {
            Directory.Exists(dead).Should().BeFalse();
            Directory.Exists(reused).Should().BeFalse();
            Directory.Exists(live).Should().BeTrue("its process is this one, still running");
            lines.Should().Contain(l => l.Contains(dead, StringComparison.Ordinal) && l.Contains("left by a run that ended", StringComparison.Ordinal));
        }

        Directory.Delete(live, recursive: true);
    }
}
