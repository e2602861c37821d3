using System.Collections;
using Replay.Testing.Configuration;

namespace Replay.Testing.Tests.Configuration;

public sealed class ReplaySettingsReadTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    private static Hashtable Environment(params (string Name, string Value)[] variables)
    {
        var environment = new Hashtable { ["PATH"] = "/usr/bin", ["REPLAYX__slo__p95"] = "1ms" };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }

    [Fact]
    public void Environment_variables_override_the_file_key_by_key()
    {
        File.WriteAllText(_path, """
            {
              // comments and trailing commas are fine
              "slo": { "p95": "300ms", "p99": "1s" },
              "plan": { "duration": "60s", "seed": 7, },
            }
            """);

        var settings = ReplaySetup.Read(_path, Environment(("REPLAY__SLO__P95", "250ms"), ("REPLAY__plan__seed", "3"),
            ("REPLAY__target__baseUrl", "http://127.0.0.1:5000")));

        settings.Slo!.P95.Should().Be("250ms");
        settings.Slo.P99.Should().Be("1s", "keys not overridden keep the file's value");
        settings.Plan!.Seed.Should().Be(3);
        settings.Plan.Duration.Should().Be("60s");
        settings.Target!.BaseUrl.Should().Be("http://127.0.0.1:5000");
    }

    [Fact]
    public void Environment_variables_alone_configure_a_project_without_replay_json()
    {
        var settings = ReplaySetup.Read(null, Environment(("REPLAY__slo__maxErrorRate", "0.02")));

        settings.Slo!.MaxErrorRate.Should().Be(0.02);
    }

    [Fact]
    public void A_misspelled_key_fails_naming_the_key_and_the_file()
    {
        File.WriteAllText(_path, """{ "slo": { "p59": "300ms" } }""");

        var act = () => ReplaySetup.Read(_path, Environment());

        act.Should().Throw<ReplayConfigurationException>()
            .WithMessage($"*\"{_path}\" is not valid replay configuration*p59*README*");
    }

    [Fact]
    public void A_misspelled_override_names_the_variable_path()
    {
        var act = () => ReplaySetup.Read(null, Environment(("REPLAY__slo__p59", "300ms")));

        act.Should().Throw<ReplayConfigurationException>().WithMessage("*REPLAY__ overrides of slo.p59*p59*");
    }

    [Fact]
    public void Malformed_json_fails_with_the_file_and_position()
    {
        File.WriteAllText(_path, """{ "slo": { "p95": "300ms" """);

        var act = () => ReplaySetup.Read(_path, Environment());

        act.Should().Throw<ReplayConfigurationException>().WithMessage($"*\"{_path}\" is not valid replay configuration*");
    }

    [Fact]
    public void Load_settings_reach_the_engine_and_the_warm_up_defaults_to_two_seconds()
    {
        File.WriteAllText(_path, """{ "load": { "maxConnections": 64, "requestTimeout": "5s", "userAgent": "shop-replay" } }""");

        var options = ReplaySetup.Load(ReplaySetup.Read(_path, Environment(("REPLAY__load__warmUp", "0s"))).Load);
        var defaults = ReplaySetup.Load(null);

        options.MaxConnections.Should().Be(64);
        options.RequestTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.UserAgent.Should().Be("shop-replay");
        options.WarmUp.Should().Be(TimeSpan.Zero, "\"0s\" turns the warm-up off");
        defaults.WarmUp.Should().Be(TimeSpan.FromSeconds(2), "production was warm during the incident");
    }

    [Fact]
    public void Template_generators_are_read_from_configuration_and_overrides()
    {
        File.WriteAllText(_path, """{ "plan": { "templateGenerators": { "id": "int:1-50000", "token": "hex:24" } } }""");

        var options = ReplaySetup.Plan(ReplaySetup.Read(_path, Environment(("REPLAY__plan__templateGenerators__order", "uuid"))).Plan);

        options.TemplateGenerators.ToDictionary(p => p.Key, p => p.Value.Description)
            .Should().BeEquivalentTo(new Dictionary<string, string> { ["id"] = "int:1-50000", ["token"] = "hex:24", ["order"] = "uuid" });
    }

    [Fact]
    public void The_request_order_is_read_and_a_misspelled_one_lists_both()
    {
        File.WriteAllText(_path, """{ "plan": { "order": "Recorded" } }""");

        ReplaySetup.Plan(ReplaySetup.Read(_path, Environment()).Plan).Order.Should().Be(Replay.Testing.Plans.RequestOrder.Recorded);
        ReplaySetup.Plan(null).Order.Should().Be(Replay.Testing.Plans.RequestOrder.Mixed);
        var act = () => ReplaySetup.Plan(ReplaySetup.Read(_path, Environment(("REPLAY__plan__order", "sequential"))).Plan);
        act.Should().Throw<ReplayConfigurationException>().WithMessage("\"plan.order\" is \"sequential\"; use \"mixed\"*or \"recorded\"*");
    }

    [Theory]
    [InlineData("int:10-1", "*\"plan.templateGenerators.id\" is \"int:10-1\": The range 10-1 is empty*")]
    [InlineData("random", "*\"plan.templateGenerators.id\" is \"random\"; use \"int:MIN-MAX\"*\"uuid\"*\"hex:LENGTH\"*")]
    [InlineData("hex:0", "*\"plan.templateGenerators.id\" is \"hex:0\": *")]
    public void A_template_generator_that_cannot_be_read_is_named_with_the_forms_that_can(string spec, string message)
    {
        File.WriteAllText(_path, $$"""{ "plan": { "templateGenerators": { "id": "{{spec}}" } } }""");

        var act = () => ReplaySetup.Plan(ReplaySetup.Read(_path, Environment()).Plan);

        act.Should().Throw<ReplayConfigurationException>().WithMessage(message);
    }

    [Fact]
    public void Endpoint_and_relative_slos_are_read_from_configuration()
    {
        File.WriteAllText(_path, """
            { "slo": { "endpoints": { "POST /checkout": { "p95": "200ms", "maxErrorRate": 0 } },
                       "noWorseThanProduction": true, "relativeTolerance": 0.2 } }
            """);

        var policy = ReplaySetup.Slo(ReplaySetup.Read(_path, Environment()).Slo);

        policy.Endpoints["POST /checkout"].Should().Be(new EndpointSlo { P95 = TimeSpan.FromMilliseconds(200), MaxErrorRate = 0 });
        policy.NoWorseThanProduction.Should().BeTrue();
        policy.NoWorseThanBaseline.Should().BeFalse();
        policy.RelativeTolerance.Should().Be(0.2);
    }

    [Fact]
    public void An_endpoint_slo_key_that_is_not_an_endpoint_names_the_key_and_the_form()
    {
        File.WriteAllText(_path, """{ "slo": { "endpoints": { "/checkout": { "p95": "200ms" } } } }""");

        var act = () => ReplaySetup.Slo(ReplaySetup.Read(_path, Environment()).Slo);

        act.Should().Throw<ReplayConfigurationException>().WithMessage("*\"/checkout\"*GET /products/{id}*");
    }

    [Theory]
    [InlineData(true, false, false, "SnapshotTrafficSource")]
    [InlineData(true, true, false, "SnapshotTrafficSource")]
    [InlineData(true, true, true, "SnapshotRecordingTrafficSource")]
    [InlineData(false, true, false, "SnapshotRecordingTrafficSource")]
    [InlineData(false, false, true, null)]
    public void A_committed_snapshot_wins_unless_a_refresh_is_asked_for_and_a_live_source_is_configured(
        bool snapshotExists, bool accessLogsConfigured, bool refresh, string? expected)
    {
        File.WriteAllText(_path, accessLogsConfigured ? """{ "traffic": { "accessLogs": { "files": ["logs/access.log*"], "bucketSize": "1s" } } }""" : "{}");
        var settings = ReplaySetup.Read(_path, Environment());

        var source = ReplaySetup.TrafficSource(settings.Traffic, Path.GetTempPath(), snapshotExists ? "Incidents/x.upsun.traffic.json" : null,
            Path.Combine(Path.GetTempPath(), "Incidents"), refresh);

        source?.GetType().Name.Should().Be(expected);
        if (expected is null)
        {
            source.Should().BeNull();
        }
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("0", false)]
    [InlineData(null, false)]
    public void REPLAY_REFRESH_is_read_as_a_switch(string? value, bool refresh) => ReplaySetup.Refresh(value).Should().Be(refresh);

    [Fact]
    public void Prometheus_is_a_live_source_and_two_live_sources_are_one_too_many()
    {
        File.WriteAllText(_path, """{ "traffic": { "prometheus": { "baseUrl": "http://127.0.0.1:9090/", "selector": "job=\"shop\"", "bucketSize": "30s" } } }""");
        var source = ReplaySetup.TrafficSource(ReplaySetup.Read(_path, Environment()).Traffic, Path.GetTempPath(), null, Path.GetTempPath(), refresh: false);

        source!.Kind.Should().Be("prometheus");

        File.WriteAllText(_path, """{ "traffic": { "prometheus": { "baseUrl": "http://127.0.0.1:9090/" }, "accessLogs": { "files": ["a.log"] } } }""");
        var both = () => ReplaySetup.TrafficSource(ReplaySetup.Read(_path, Environment()).Traffic, Path.GetTempPath(), null, Path.GetTempPath(), refresh: false);

        both.Should().Throw<ReplayConfigurationException>().WithMessage("*configures \"accessLogs\" and \"prometheus\"; keep the one*");
    }

    [Fact]
    public void Upsun_is_a_live_source_only_with_an_api_token()
    {
        File.WriteAllText(_path, """{ "traffic": { "upsun": { "projectId": "abc123", "environmentId": "main", "topUrlsCount": 20 } } }""");
        var traffic = ReplaySetup.Read(_path, Environment()).Traffic;
        string? saved = System.Environment.GetEnvironmentVariable("UPSUN_API_TOKEN");
        try
        {
            System.Environment.SetEnvironmentVariable("UPSUN_API_TOKEN", null);
            ReplaySetup.TrafficSource(traffic, Path.GetTempPath(), null, Path.GetTempPath(), refresh: false).Should().BeNull();

            System.Environment.SetEnvironmentVariable("UPSUN_API_TOKEN", "token");
            ReplaySetup.TrafficSource(traffic, Path.GetTempPath(), null, Path.GetTempPath(), refresh: false)!.Kind.Should().Be("upsun");
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("UPSUN_API_TOKEN", saved);
        }
    }

    [Fact]
    public void Upsun_request_timeout_and_deadline_are_read_from_replay_json()
    {
        File.WriteAllText(_path, """{ "traffic": { "upsun": { "projectId": "abc123", "environmentId": "main", "requestTimeout": "250ms", "deadline": "2s" } } }""");

        var upsun = ReplaySetup.Read(_path, Environment()).Traffic!.Upsun!;

        upsun.RequestTimeout.Should().Be("250ms");
        upsun.Deadline.Should().Be("2s");
    }
}
