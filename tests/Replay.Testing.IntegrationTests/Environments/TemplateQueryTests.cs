using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Replay.Testing.Environments;
using Replay.Testing.IntegrationTests.Targets;
using Replay.Testing.Plans;

namespace Replay.Testing.IntegrationTests.Environments;

[Trait("Category", "Integration")]
public sealed class TemplateQueryTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"replay-values-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    // An existing target paired with a database file standing in for the clone's.
    private sealed class TargetWithDatabase(Uri baseAddress, string database) : IEnvironmentProvisioner
    {
        public string Description => "test target with a database";

        public Task<TargetEnvironment> ProvisionAsync(ProvisioningContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new TargetEnvironment(baseAddress, "test", Description) { Database = new ClonedDatabase("sqlite", $"Data Source={database}", "clone") });
    }

    [Fact]
    public async Task Template_values_come_from_the_clones_data_once_it_exists()
    {
        await using (var connection = new SqliteConnection($"Data Source={_database}"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE products (id INTEGER PRIMARY KEY, active INTEGER); INSERT INTO products VALUES (7, 1), (11, 1), (13, 0);";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var paths = new ConcurrentBag<string>();
        await using var target = await KestrelTarget.StartAsync(context =>
        {
            paths.Add(context.Request.Path.Value!);
            return Task.CompletedTask;
        });
        var context = new RecordingContext();
        var request = new ReplayRequest("Catalogue.Products", TestProfiles.Window, new IncidentReplayOptions
        {
            TrafficSource = new FixedTrafficSource(TestProfiles.Steady("/products/{id}", perMinute: 60)),
            Provisioner = new TargetWithDatabase(target.BaseAddress, _database),
            Plan = new ReplayPlanOptions
            {
                Duration = TimeSpan.FromSeconds(2),
                TemplateQueries = new Dictionary<string, string> { ["id"] = "SELECT id FROM products WHERE active = 1" },
            },
        });

        var report = await ReplayRunner.RunAsync(request, context, TestContext.Current.CancellationToken);

        report.Failure.Should().BeNull();
        paths.Distinct().Order().Should().Equal("/products/11", "/products/7");
        context.Lines.Should().Contain(l => l.Contains("{id} takes 2 values from the clone's data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Template_queries_without_a_cloned_database_fail_with_the_fix()
    {
        await using var target = await KestrelTarget.StartAsync();
        var request = new ReplayRequest("Catalogue.Products", TestProfiles.Window, new IncidentReplayOptions
        {
            TrafficSource = new FixedTrafficSource(TestProfiles.Steady("/products/{id}", perMinute: 60)),
            Provisioner = new Replay.Testing.Environments.Existing.ExistingEnvironmentProvisioner(target.BaseAddress.ToString()),
            Plan = new ReplayPlanOptions { Duration = TimeSpan.FromSeconds(2), TemplateQueries = new Dictionary<string, string> { ["id"] = "SELECT id FROM products" } },
        });

        var report = await ReplayRunner.RunAsync(request, new RecordingContext(), TestContext.Current.CancellationToken);

        report.Failure!.Stage.Should().Be("plan");
        report.Failure.Message.Should().Contain("\"plan.templateQueries\"").And.Contain("\"target.database\"");
        target.Requests.Should().Be(0);
    }
}
