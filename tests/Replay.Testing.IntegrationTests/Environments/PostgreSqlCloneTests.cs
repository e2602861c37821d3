using Replay.Testing.Environments;
using Replay.Testing.Environments.Databases;
using Replay.Testing.IntegrationTests.Servers;

namespace Replay.Testing.IntegrationTests.Environments;

[Trait("Category", "Integration")]
public sealed class PostgreSqlCloneTests(PostgreSqlServer server) : IClassFixture<PostgreSqlServer>
{
    private static readonly ScrubStep ScrubEmails = ScrubStep.Sql("UPDATE users SET email = 'user' || id || '@scrubbed.invalid'");

    private async Task<string> SeedAsync()
    {
        string name = $"shop_{Guid.NewGuid():N}"[..20];
        await server.ExecuteAsync("postgres", $"CREATE DATABASE {name}");
        await server.ExecuteAsync(name, """
            CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);
            INSERT INTO users SELECT i, 'customer' || i || '@example.com' FROM generate_series(1, 5000) AS i;
            """);
        return name;
    }

    private DatabaseCloneSpec Spec(string database, params ScrubStep[] scrub) =>
        new("postgresql", server.ConnectionString(database), "ConnectionStrings__Shop") { Scrub = scrub };

    [Fact]
    public async Task A_clone_is_a_scrubbed_copy_the_source_never_sees_and_is_dropped_at_teardown()
    {
        string source = await SeedAsync();
        var log = new List<string>();

        await using (var clone = await DatabaseCloner.CloneAndScrubAsync(Spec(source, ScrubEmails), "t1", log.Add, TestContext.Current.CancellationToken))
        {
            clone.Database.Name.Should().Be($"replay_{source}_t1");
            (await server.ScalarAsync(clone.Database.Name, "SELECT count(*) FROM users WHERE email LIKE '%@scrubbed.invalid'")).Should().Be(5000L);
            (await server.ScalarAsync(source, "SELECT count(*) FROM users WHERE email LIKE '%@example.com'")).Should().Be(5000L, "the source is untouched");
            clone.Scrubbed.Should().ContainSingle().Which.RowsChanged.Should().Be(5000);
            clone.SizeBytes.Should().BeGreaterThan(0);
        }

        (await PostgreSqlCloner.FindLeftoversAsync(server.ConnectionString("postgres"), TestContext.Current.CancellationToken))
            .Should().NotContain($"replay_{source}_t1");
    }

    [Fact]
    public async Task A_source_with_open_connections_is_cloned_with_pg_dump_and_pg_restore()
    {
        string source = await SeedAsync();
        await using var busy = new Npgsql.NpgsqlConnection(server.ConnectionString(source));
        await busy.OpenAsync(TestContext.Current.CancellationToken);   // CREATE DATABASE … TEMPLATE refuses a source in use
        var log = new List<string>();

        await using var clone = await DatabaseCloner.CloneAndScrubAsync(Spec(source), "t2", log.Add, TestContext.Current.CancellationToken);

        log.Should().Contain(l => l.Contains("pg_dump | pg_restore", StringComparison.Ordinal));
        (await server.ScalarAsync(clone.Database.Name, "SELECT count(*) FROM users")).Should().Be(5000L);
    }

    [Fact]
    public async Task A_failing_scrub_drops_the_clone_and_names_the_statement()
    {
        string source = await SeedAsync();

        var act = async () => await DatabaseCloner.CloneAndScrubAsync(Spec(source, ScrubStep.Sql("UPDATE customers SET email = NULL")), "t3", _ => { },
            TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("customers");
        (await PostgreSqlCloner.FindLeftoversAsync(server.ConnectionString("postgres"), TestContext.Current.CancellationToken))
            .Should().NotContain($"replay_{source}_t3", "nothing a failed run made is left on the server");
    }

    [Fact]
    public async Task A_connection_string_without_a_database_is_refused_with_the_fix()
    {
        var spec = new DatabaseCloneSpec("postgresql", $"Host=127.0.0.1;Port={server.Port};Username=postgres", "X");

        var act = async () => await DatabaseCloner.CloneAndScrubAsync(spec, "t4", _ => { }, TestContext.Current.CancellationToken);

        await act.Should().ThrowAsync<EnvironmentProvisioningException>().WithMessage("*names no Database*Database=<name>*");
    }
}
