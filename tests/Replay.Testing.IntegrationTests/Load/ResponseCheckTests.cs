using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Replay.Testing.IntegrationTests.Targets;
using Replay.Testing.Load;
using Replay.Testing.Plans;
using Replay.Testing.Traffic;

namespace Replay.Testing.IntegrationTests.Load;

[Trait("Category", "Integration")]
public class ResponseCheckTests
{
    private static readonly IncidentWindow Window = IncidentWindow.Parse("2026-03-10T12:00Z", "2026-03-10T12:10Z");

    // Each transport judges responses itself: the Linux event loop, the pooled lean sockets, and HttpClient (HTTP/2 here).
    public static TheoryData<string> Transports => ["event loop", "pooled sockets", "HttpClient"];

    private static readonly Dictionary<string, ResponseCheck> Checks = new()
    {
        ["GET /products/{id}"] = new() { Statuses = [200], ContentType = "application/json", BodyContains = "\"id\"", JsonPointer = "/id" },
        ["GET /login"] = new() { Statuses = [200], ContentType = "application/json" },
        ["GET /big"] = new() { JsonPointer = "/id" },
    };

    // Ten one-minute buckets compressed 200 times into three seconds (the plan keeps the rates): a few hundred requests.
    private static ReplayPlan Plan(params (string Key, long PerBucket)[] endpoints)
    {
        var timeline = Enumerable.Range(0, 10).Select(i => new TrafficBucket(Window.Start.AddMinutes(i),
            endpoints.ToDictionary(e => e.Key, e => e.PerBucket * 200))).ToList();
        var profile = new TrafficProfile
        {
            Window = Window,
            BucketSize = TimeSpan.FromMinutes(1),
            Endpoints = endpoints.Select(e => new TrafficEndpoint(e.Key.Split(' ')[0], e.Key.Split(' ')[1], e.PerBucket * 2_000)).ToList(),
            Timeline = timeline,
            TotalRequests = endpoints.Sum(e => e.PerBucket * 2_000),
            Origin = new TrafficOrigin("test", "test"),
        };
        return ReplayPlan.Create(profile, new ReplayPlanOptions
        {
            Duration = TimeSpan.FromSeconds(3),
            TemplateValues = new Dictionary<string, IReadOnlyList<string>> { ["id"] = ["1", "2"] },
        });
    }

    private static async Task<KestrelTarget> ShopAsync(string transport) => await KestrelTarget.StartAsync(async context =>
    {
        switch (context.Request.Path.Value)
        {
            case var path when path!.StartsWith("/products/", StringComparison.Ordinal):
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync("""{"id": 1, "name": "lamp"}""");
                break;
            case "/login":
                // The fast 200 a lost session gets: a sign-in page, with a user's address and a session cookie in it.
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><p>Sign in again, ann@example.com</p><a href=\"/resume?session=s3cr3t-9f86d081884c7d659a2f\">go</a></html>");
                break;
            case "/big":
                // 100 KB of JSON whose "id" comes after the 64 KiB a check keeps, sent in chunks.
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"items\": [" + string.Join(",", Enumerable.Repeat("\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"", 2_000)) + "], \"id\": 1}");
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }, transport == "HttpClient" ? HttpProtocols.Http2 : HttpProtocols.Http1);

    private static LoadEngineOptions Options(string transport) => new()
    {
        UseEventLoop = transport == "event loop",
        HttpVersion = transport == "HttpClient" ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11,
        ResponseChecks = Checks,
    };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Responses_that_fail_their_check_are_errors_of_their_own_kind_with_redacted_examples(string transport)
    {
        await using var target = await ShopAsync(transport);
        var plan = Plan(("GET /products/{id}", 12), ("GET /login", 6), ("GET /big", 2));

        var result = await new LoadEngine(Options(transport)).RunAsync(plan, target.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);

        result.Should().BeEquivalentTo(new { Planned = 200L, Sent = 200L, Completed = 200L }, o => o.ExcludingMissingMembers());
        result.CheckedResponses.Should().Be(200);
        result.Endpoints.Single(e => e.Key == "GET /products/{id}").CheckFailures.Should().Be(0, "a correct response passes");
        result.Endpoints.Single(e => e.Key == "GET /login").CheckFailures.Should().Be(60);
        result.Endpoints.Single(e => e.Key == "GET /big").CheckFailures.Should().Be(20);
        result.CheckFailures.Should().Be(80);
        result.Errors.Should().Be(80, "a failed check is an error though the status was 200");
        result.StatusCodes.Should().BeEquivalentTo(new Dictionary<int, long> { [200] = 200 });
        result.ResponseTime.Count.Should().Be(200, "a response that failed its check was answered, and its latency counts");

        result.CheckExamples.Should().HaveCount(10, "five per failing endpoint");
        var login = result.CheckExamples.First(e => e.Endpoint == "GET /login");
        login.Check.Should().Be("contentType");
        login.ContentType.Should().Be("text/html");
        login.Reason.Should().Be("Content-Type \"text/html\" is not application/json");
        login.Body.Should().BeEmpty("a check of status and content type keeps no body");
        var big = result.CheckExamples.First(e => e.Endpoint == "GET /big");
        big.Check.Should().Be("jsonPointer");
        big.Truncated.Should().BeTrue();
        big.Body.Should().StartWith("{\"items\": [\"xxx");
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_body_check_shows_the_body_with_secrets_masked(string transport)
    {
        await using var target = await ShopAsync(transport);
        var plan = Plan(("GET /login", 6));

        var result = await new LoadEngine(Options(transport) with
        {
            ResponseChecks = new Dictionary<string, ResponseCheck> { ["GET /login"] = new() { BodyContains = "\"id\"" } },
        }).RunAsync(plan, target.BaseAddress, cancellationToken: TestContext.Current.CancellationToken);

        result.CheckFailures.Should().Be(60);
        result.CheckExamples.Should().HaveCount(5);
        var example = result.CheckExamples[0];
        example.Reason.Should().Be("the body does not contain \"\"id\"\"");
        example.Body.Should().Contain("<p>Sign in again, ***</p>").And.NotContain("ann@example.com").And.NotContain("s3cr3t");
    }
}
