using Replay.Testing.Configuration;
using Replay.Testing.Load;

namespace Replay.Testing.Tests.Load;

public class LoadEngineOptionsResponseCheckTests
{
    [Fact]
    public void Bad_response_checks_are_reported_together_each_naming_its_key()
    {
        var options = new LoadEngineOptions
        {
            ResponseChecks = new Dictionary<string, ResponseCheck>
            {
                ["GET /products/{id}"] = new() { Statuses = [200, 99], JsonPointer = "id" },
                ["GET /cart"] = new() { Statuses = [600], JsonPointer = "/a~2" },
                ["GET /empty"] = new(),
                ["products"] = new() { ContentType = "application/json" },
            },
        };

        var act = () => new LoadEngine(options);

        act.Should().Throw<ReplayConfigurationException>().Which.Problems.Should().BeEquivalentTo(
        [
            "\"load.responseChecks.GET /products/{id}.status\" holds 99; list status codes from 100 to 599.",
            "\"load.responseChecks.GET /products/{id}.jsonPointer\" is \"id\", not a JSON pointer; start it with \"/\" and write \"~\" as \"~0\" and \"/\" inside a name as \"~1\" (RFC 6901), such as \"/items/0/id\".",
            "\"load.responseChecks.GET /cart.status\" holds 600; list status codes from 100 to 599.",
            "\"load.responseChecks.GET /cart.jsonPointer\" is \"/a~2\", not a JSON pointer; start it with \"/\" and write \"~\" as \"~0\" and \"/\" inside a name as \"~1\" (RFC 6901), such as \"/items/0/id\".",
            "\"load.responseChecks.GET /empty\" is empty; give at least one of \"status\", \"contentType\", \"bodyContains\" or \"jsonPointer\".",
            "\"load.responseChecks\" has the key \"products\"; write an endpoint as in the plan: a method, a space and a path, such as \"GET /products/{id}\".",
        ]);
    }

    [Fact]
    public void The_configuration_maps_response_checks_onto_the_engine_options()
    {
        var settings = System.Text.Json.JsonSerializer.Deserialize<LoadSettings>("""
            { "responseChecks": { "GET /products/{id}": { "status": [200], "contentType": "application/json",
                                                          "bodyContains": "\"id\"", "jsonPointer": "/id" } } }
            """)!;

        var options = ReplaySetup.Load(settings);

        options.ResponseChecks.Should().ContainKey("GET /products/{id}").WhoseValue.Should().BeEquivalentTo(new ResponseCheck
        {
            Statuses = [200],
            ContentType = "application/json",
            BodyContains = "\"id\"",
            JsonPointer = "/id",
        });
        options.ResponseChecks["GET /products/{id}"].ReadsBody.Should().BeTrue();
    }
}
