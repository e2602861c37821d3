using System.Text;
using Replay.Testing.Load;

namespace Replay.Testing.Tests.Load;

public class ResponseCheckMatcherTests
{
    private static (bool Passed, ResponseCheckExample? Example) Judge(ResponseCheck check, int status, string? contentType, string body, bool truncated = false)
    {
        var examples = new ResponseCheckExamples(1);
        var matcher = new ResponseCheckMatcher(0, "GET /products/{id}", check, examples);
        bool passed = matcher.Passes(status, contentType is null ? [] : Encoding.ASCII.GetBytes(contentType), Encoding.UTF8.GetBytes(body), truncated);
        return (passed, examples.ToList().SingleOrDefault());
    }

    [Fact]
    public void A_response_that_matches_every_part_passes_and_leaves_no_example()
    {
        var check = new ResponseCheck { Statuses = [200], ContentType = "application/json", BodyContains = "\"id\"", JsonPointer = "/id" };

        var (passed, example) = Judge(check, 200, "Application/JSON; charset=utf-8", """{"id": 7, "name": "lamp"}""");

        passed.Should().BeTrue();
        example.Should().BeNull();
    }

    [Fact]
    public void A_status_outside_the_list_fails_the_status_part()
    {
        var (passed, example) = Judge(new ResponseCheck { Statuses = [200, 201] }, 302, null, "");

        passed.Should().BeFalse();
        example!.Check.Should().Be("status");
        example.Reason.Should().Be("status 302 is not one of 200, 201");
        example.Endpoint.Should().Be("GET /products/{id}");
    }

    [Theory]
    [InlineData("text/html; charset=utf-8")]
    [InlineData(null)]
    [InlineData("application/js")]
    public void A_content_type_that_does_not_start_with_the_media_type_fails(string? contentType)
    {
        var (passed, example) = Judge(new ResponseCheck { ContentType = "application/json" }, 200, contentType, "<html>");

        passed.Should().BeFalse();
        example!.Check.Should().Be("contentType");
        example.ContentType.Should().Be(contentType);
    }

    [Fact]
    public void A_body_substring_is_compared_byte_for_byte_and_case_sensitively()
    {
        var check = new ResponseCheck { BodyContains = "Café" };

        Judge(check, 200, null, "<p>Le Café</p>").Passed.Should().BeTrue();
        var (passed, example) = Judge(check, 200, null, "<p>le café</p>");

        passed.Should().BeFalse();
        example!.Check.Should().Be("bodyContains");
        example.Body.Should().Be("<p>le café</p>");
    }

    [Theory]
    [InlineData("""{"items": [{"id": 1}, {"id": 2}]}""", "/items/1/id", true)]
    [InlineData("""{"items": [{"id": 1}]}""", "/items/1/id", false)]
    [InlineData("""{"a/b": {"m~n": null}}""", "/a~1b/m~0n", true)]
    [InlineData("""{"a": "text"}""", "/a/0", false)]
    [InlineData("""{"a": 1}""", "", true)]
    [InlineData("""[10, 20]""", "/01", false)]
    [InlineData("""[10, 20]""", "/1", true)]
    [InlineData("""{"later": {"x": 1}, "id": 3}""", "/id", true)]
    public void A_json_pointer_resolves_as_RFC_6901_says(string body, string pointer, bool resolves)
    {
        Judge(new ResponseCheck { JsonPointer = pointer }, 200, null, body).Passed.Should().Be(resolves);
    }

    [Theory]
    [InlineData("<html>login</html>")]
    [InlineData("""{"id": 1""")]
    [InlineData("""{"id": 1} trailing""")]
    [InlineData("")]
    public void A_body_that_is_not_json_fails_the_pointer_and_says_so(string body)
    {
        var (passed, example) = Judge(new ResponseCheck { JsonPointer = "/id" }, 200, "text/html", body);

        passed.Should().BeFalse();
        example!.Check.Should().Be("jsonPointer");
        example.Reason.Should().StartWith("the body is not JSON");
    }

    [Fact]
    public void A_truncated_body_resolves_a_pointer_it_holds_and_says_truncated_when_it_does_not()
    {
        var check = new ResponseCheck { JsonPointer = "/id" };

        Judge(check, 200, null, """{"id": 1, "items": [1, 2, 3""", truncated: true).Passed.Should().BeTrue();
        var (passed, example) = Judge(check, 200, null, """{"items": [1, 2, 3""", truncated: true);

        passed.Should().BeFalse();
        example!.Truncated.Should().BeTrue();
        example.Reason.Should().Contain("truncated");
    }

    [Fact]
    public void Only_five_examples_are_kept_per_endpoint_however_many_responses_fail()
    {
        var examples = new ResponseCheckExamples(2);
        var first = new ResponseCheckMatcher(0, "GET /a", new ResponseCheck { Statuses = [200] }, examples);
        var second = new ResponseCheckMatcher(1, "GET /b", new ResponseCheck { Statuses = [200] }, examples);

        for (int i = 0; i < 100; i++)
        {
            first.Passes(500, [], [], false).Should().BeFalse();
        }

        second.Passes(404, [], [], false);

        examples.ToList().Select(e => e.Endpoint).Should().Equal("GET /a", "GET /a", "GET /a", "GET /a", "GET /a", "GET /b");
    }

    [Fact]
    public void An_example_masks_secrets_in_the_body()
    {
        var (_, example) = Judge(new ResponseCheck { BodyContains = "\"id\"" }, 401, null,
            """{"error": "expired", "session_token": "abc.def", "user": {"email": "ann@example.com"}, "card": "4111111111111111"}""");

        example!.Body.Should().NotContain("abc.def").And.NotContain("ann@example.com").And.NotContain("4111111111111111");
        example.Body.Should().Contain("\"error\": \"expired\"").And.Contain("\"session_token\": \"***\"");
    }

    [Fact]
    public void Keys_that_name_no_endpoint_of_the_plan_are_reported_before_anything_is_sent()
    {
        var plan = Testing.Plans.ReplayPlan.Create(Tests.Plans.ProfileBuilder.Minutes(("GET /a", [60, 60])));

        var act = () => ResponseCheckMatcher.ThrowOnUnknownEndpoints(plan,
            new Dictionary<string, ResponseCheck> { ["GET /nope"] = new() { Statuses = [200] } });

        act.Should().Throw<ReplayConfigurationException>().WithMessage("*\"load.responseChecks\" has the key \"GET /nope\", which names no endpoint of the plan; use one of: \"GET /a\"*");
    }
}
