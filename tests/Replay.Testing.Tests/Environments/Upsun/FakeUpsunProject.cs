using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Replay.Testing.Tests.Environments.Upsun;

/// <summary>
/// A stateful stand-in for an Upsun project (WireMock.Net with a callback), following the API's schema: branching
/// creates an environment and an activity, activities finish after a poll (or fail, or never finish), deployments
/// can be read and patched, deactivation and deletion remove the environment.
/// </summary>
internal sealed class FakeUpsunProject : IDisposable
{
    public const string Token = "upsun-api-token";
    private readonly ConcurrentDictionary<string, (string Type, int PollsLeft)> _activities = new();
    private int _nextActivity;

    public FakeUpsunProject()
    {
        Server = WireMockServer.Start();
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(Handle));
    }

    public WireMockServer Server { get; }

    /// <summary>Environments that exist, by name, with their status.</summary>
    public ConcurrentDictionary<string, string> Environments { get; } = new(StringComparer.Ordinal) { ["main"] = "active" };

    /// <summary>What the branch activity ends with: "success", "failure" or "never" (stays in progress).</summary>
    public string BranchOutcome { get; set; } = "success";

    /// <summary>The deployments/next bodies received, by environment.</summary>
    public ConcurrentDictionary<string, string> Patches { get; } = new();

    public Replay.Testing.Traffic.Upsun.UpsunOptions Api => new()
    {
        ApiToken = Token,
        ProjectId = "abc123def456",
        EnvironmentId = "main",
        ApiUrl = new Uri(Server.Url! + "/"),
        AuthUrl = new Uri(Server.Url! + "/"),
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };

    public void Dispose() => Server.Stop();

    private ResponseMessage Handle(IRequestMessage request)
    {
        string path = request.Path;
        string method = request.Method;
        const string project = "/projects/abc123def456";
        if (path == "/oauth2/token")
        {
            return Json(200, new JsonObject { ["access_token"] = "access", ["expires_in"] = 900, ["token_type"] = "bearer" });
        }

        if (method == "GET" && path.StartsWith(project + "/activities/", StringComparison.Ordinal))
        {
            string id = path[(project.Length + "/activities/".Length)..];
            var (type, pollsLeft) = _activities[id];
            string outcome = type == "environment.branch" ? BranchOutcome : "success";
            if (pollsLeft > 0 || outcome == "never")
            {
                _activities[id] = (type, pollsLeft - 1);
                return Json(200, new JsonObject { ["id"] = id, ["type"] = type, ["state"] = "in_progress", ["result"] = null, ["completion_percent"] = 40 });
            }

            return Json(200, new JsonObject
            {
                ["id"] = id, ["type"] = type, ["state"] = "complete", ["result"] = outcome, ["completion_percent"] = 100,
                ["failure_reason"] = outcome == "failure" ? "error" : null,
                ["log"] = outcome == "failure" ? "Cloning data\nError: disk quota exceeded on db" : "",
            });
        }

        if (!path.StartsWith(project + "/environments/", StringComparison.Ordinal))
        {
            return Json(404, new JsonObject { ["title"] = "Not found" });
        }

        string[] parts = path[(project.Length + "/environments/".Length)..].Split('/');
        string environment = Uri.UnescapeDataString(parts[0]);
        string action = string.Join('/', parts.Skip(1));
        if (!Environments.ContainsKey(environment))
        {
            return Json(403, new JsonObject { ["title"] = "Forbidden" });   // Upsun answers 403, not 404, for an unknown environment
        }

        switch (method, action)
        {
            case ("POST", "branch"):
                string name = JsonNode.Parse(request.Body!)!["name"]!.GetValue<string>();
                Environments[name] = "active";
                return Accepted("environment.branch");
            case ("GET", "deployments/current"):
                return Json(200, JsonNode.Parse("""
                    {"webapps": {"app": {"resources": {"profile_size": "1"}, "instance_count": 2, "disk": 2048}},
                     "services": {"db": {"resources": {"profile_size": "0.5"}, "disk": 4096}}, "workers": {}}
                    """)!);
            case ("PATCH", "deployments/next"):
                Patches[environment] = request.Body!;
                return Accepted("environment.resources.update");
            case ("GET", ""):
                return Json(200, new JsonObject { ["id"] = environment, ["type"] = environment == "main" ? "production" : "development", ["status"] = Environments[environment], ["default_domain"] = $"{environment}-bvxea6i.eu-5.platformsh.site" });
            case ("GET", "observability/resources/overview"):
                long from = long.Parse(request.Query!["from"][0], System.Globalization.CultureInfo.InvariantCulture);
                var metrics = JsonNode.Parse("""
                    {"cpu_used": {"avg": 1.2, "max": 1.9}, "cpu_limit": {"max": 2.0},
                     "memory_used": {"avg": 600000000, "max": 700000000}, "memory_limit": {"max": 1073741824}}
                    """)!;
                return Json(200, new JsonObject
                {
                    ["_grain"] = 60,
                    ["data"] = new JsonArray(new JsonObject { ["timestamp"] = from, ["services"] = new JsonObject { ["app"] = metrics } }),
                });
            case ("POST", "deactivate"):
                Environments[environment] = "inactive";
                return Accepted("environment.deactivate");
            case ("DELETE", ""):
                Environments.TryRemove(environment, out _);
                return Json(202, new JsonObject { ["status"] = "OK", ["code"] = 202 });
            default:
                return Json(400, new JsonObject { ["title"] = $"unexpected {method} {action}" });
        }
    }

    private ResponseMessage Accepted(string activityType)
    {
        string id = $"act{Interlocked.Increment(ref _nextActivity)}";
        _activities[id] = (activityType, 1);
        return Json(202, new JsonObject
        {
            ["status"] = "OK", ["code"] = 202,
            ["_embedded"] = new JsonObject { ["activities"] = new JsonArray(new JsonObject { ["id"] = id, ["type"] = activityType, ["state"] = "pending" }) },
        });
    }

    private static ResponseMessage Json(int status, JsonNode body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = BodyType.String },
    };
}
