using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Replay.Testing.Tests.Traffic.Upsun;

/// <summary>
/// Upsun's auth and observability API on a loopback port (WireMock.Net), answering in the published schema:
/// the token exchange, the observability entry point, the HTTP overview and the resources overview.
/// </summary>
internal sealed class FakeUpsun : IDisposable
{
    public const string ApiToken = "upsun-api-token-s3cr3t";
    public const string Root = "/projects/abc123def456/environments/main/observability";

    public FakeUpsun()
    {
        Server = WireMockServer.Start();
        Server.Given(Request.Create().WithPath("/oauth2/token").UsingPost().WithBody(b => b != null && b.Contains($"api_token={ApiToken}", StringComparison.Ordinal)))
            .AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { access_token = "access-1", expires_in = 900, token_type = "bearer" }));
        Server.Given(Request.Create().WithPath("/oauth2/token").UsingPost())
            .AtPriority(20)
            .RespondWith(Response.Create().WithStatusCode(400).WithBodyAsJson(new { error = "invalid API token" }));
        Server.Given(Request.Create().WithPath(Root).UsingGet())
            .AtPriority(50)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(EntryPoint(retentionMinutes: 525_600)));
        Server.Given(Request.Create().WithPath(Root + "/http-metrics/overview").UsingGet())
            .AtPriority(50)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Overview()));
        Server.Given(Request.Create().WithPath(Root + "/resources/overview").UsingGet())
            .AtPriority(50)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"_grain": 600, "data": [{"timestamp": 1773144000, "services": {"app": {"cpu_used": {"avg": 0.9, "max": 1.85}, "cpu_limit": {"max": 2.0}, "memory_used": {"avg": 612892672, "max": 715827883}, "memory_limit": {"max": 1073741824}}}}]}"""));
    }

    public WireMockServer Server { get; }

    public Replay.Testing.Traffic.Upsun.UpsunOptions Options => new()
    {
        ApiToken = ApiToken,
        ProjectId = "abc123def456",
        EnvironmentId = "main",
        ApiUrl = new Uri(Server.Url! + "/"),
        AuthUrl = new Uri(Server.Url! + "/"),
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetries = 2,
    };

    public int Calls(string path) => Server.LogEntries.Count(e => e.RequestMessage.Path == path);

    public static string EntryPoint(int retentionMinutes) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["project_id"] = "abc123def456",
        ["environment_id"] = "main",
        ["environment_type"] = "production",
        ["vendor"] = "upsun",
        ["data_retention"] = new Dictionary<string, object>
        {
            ["_unit"] = "minute",
            ["_unit_in_seconds"] = 60,
            ["http_traffic"] = new { retention_period = retentionMinutes, max_range = retentionMinutes, recommended_default_range = 60 },
        },
    });

    // An overview in the published schema: two URLs, `buckets` timeline points of `grain` seconds from `from`;
    // `unlisted` adds per-bucket 2XX answers to URLs it does not list.
    public static string Overview(long from = 1773144000, int buckets = 6, int grain = 600, int[]? unlisted = null)
    {
        const string catalog = "GET-https://shop.example.com/catalog", checkout = "POST-https://shop.example.com/checkout";
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["_grain"] = grain,
            ["_from"] = from,
            ["_to"] = from + (buckets * grain),
            ["_project_id"] = "abc123def456",
            ["_environment_id"] = "main",
            ["_environment_type"] = "production",
            ["_branch_machine_name"] = "main-bvxea6i",
            ["_top_urls_count"] = 2,
            ["data"] = new Dictionary<string, object>
            {
                ["urls"] = new Dictionary<string, object>
                {
                    [catalog] = new { url = "https://shop.example.com/catalog", method = "GET", impact = 100.0, average = 250.0, p_50 = 200.0, p_96 = 500.0, count = buckets * 100 },
                    [checkout] = new { url = "https://shop.example.com/checkout", method = "POST", impact = 10.0, average = 300.0, p_50 = 250.0, p_96 = 700.0, count = buckets * 10 },
                },
                ["timelines"] = Enumerable.Range(0, buckets).Select(i => new Dictionary<string, object>
                {
                    ["timestamp"] = from + (i * grain),
                    ["urls"] = new Dictionary<string, object> { [catalog] = new { count = 100 }, [checkout] = new { count = 10 } },
                    ["codes"] = new Dictionary<string, int> { ["UNKNOWN"] = 0, ["1XX"] = 0, ["2XX"] = 100 + (unlisted?[i] ?? 0), ["3XX"] = 0, ["4XX"] = 5, ["5XX"] = 5 },
                }).ToList(),
            },
        });
    }

    // A URL breakdown in the published schema: the overview's two URLs and the given others, ranked by count; its
    // timeline tracks the top hits only.
    public static string Breakdown(int limit, params (string Method, string Path, long Count)[] others)
    {
        var items = new List<object>
        {
            new { url = "https://shop.example.com/catalog", method = "GET", impact = 100.0, average = 250.0, p_50 = 200.0, p_96 = 500.0, count = 600, top_hit = true },
            new { url = "https://shop.example.com/checkout", method = "POST", impact = 10.0, average = 300.0, p_50 = 250.0, p_96 = 700.0, count = 60, top_hit = true },
        };
        items.AddRange(others.Select(o => new { url = "https://shop.example.com" + o.Path, method = o.Method, impact = (double?)null, average = 40.0, p_50 = 30.0, p_96 = 90.0, count = o.Count, top_hit = false }));
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["_grain"] = 600,
            ["_from"] = 1773144000,
            ["_to"] = 1773147600,
            ["_project_id"] = "abc123def456",
            ["_environment_id"] = "main",
            ["_environment_type"] = "production",
            ["_branch_machine_name"] = "main-bvxea6i",
            ["_breakdown_limit"] = limit,
            ["_breakdown_top_hits"] = new { max_quantity = 15, max_percentage = 98.0 },
            ["_methods"] = null,
            ["_methods_mode"] = null,
            ["breakdown"] = new { kind = "url", total = 660 + others.Sum(o => o.Count), data = items },
            ["top_hits_timeline"] = new { data = new object[] { new { timestamp = 1773144000, _total_consumed = 1.5, _total_count = 110 } } },
            ["filters"] = new { max_applicable_filters = 45 },
        });
    }

    public void Dispose() => Server.Stop();
}
