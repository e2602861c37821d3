using System.Collections;
using Replay.Testing.Configuration;

namespace Replay.Testing.Tests.Configuration;

public sealed class ConfigurationProblemsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    private ReplaySettings Read(string json, params (string Name, string Value)[] variables)
    {
        File.WriteAllText(_path, json);
        var environment = new Hashtable();
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return ReplaySetup.Read(_path, environment);
    }

    [Fact]
    public void Without_configuration_the_defaults_protect()
    {
        var policy = ReplaySetup.Slo(null);

        policy.MaxErrorRate.Should().Be(0.01);
        policy.MinAchievedRate.Should().Be(0.99);
        policy.MaxDroppedArrivals.Should().Be(0);
        policy.MaxUnansweredRequests.Should().Be(0);
        policy.StatusMixTolerance.Should().Be(0.05);
        policy.MaxSchedulerLag.Should().Be(TimeSpan.FromMilliseconds(10));
        policy.MaxGeneratorCpu.Should().Be(0.95);
        policy.FailWhenInconclusive.Should().BeTrue();
    }

    [Fact]
    public void A_default_set_to_null_is_switched_off_and_one_left_out_is_kept()
    {
        var settings = Read("""{ "slo": { "maxErrorRate": null, "statusMixTolerance": 0.1 } }""", ("REPLAY__slo__maxSchedulerLag", "null"));

        var policy = ReplaySetup.Slo(settings.Slo, new ConfigurationProblems(settings.Keys));

        policy.MaxErrorRate.Should().BeNull();
        policy.MaxSchedulerLag.Should().BeNull("REPLAY__slo__maxSchedulerLag=null switches it off");
        policy.StatusMixTolerance.Should().Be(0.1);
        policy.MinAchievedRate.Should().Be(0.99);
    }

    [Fact]
    public void A_percentage_written_as_a_whole_number_is_out_of_range()
    {
        var settings = Read("""{ "slo": { "maxErrorRate": 5 } }""");

        var act = () => ReplaySetup.Slo(settings.Slo);

        act.Should().Throw<ReplayConfigurationException>()
            .WithMessage("\"slo.maxErrorRate\" is 5; it is a share from 0 to 1 (write 0.05 for 5 %)*");
    }

    [Fact]
    public void Every_problem_is_reported_together_each_named_as_the_user_wrote_it()
    {
        var settings = Read("""
            { "slo": { "p95": "fast", "maxErrorRate": 5, "minAchievedRate": -1, "maxUnansweredRequests": -3 },
              "load": { "requestTimeout": "soon", "freshConnectionShare": 2, "errorStatuses": [503] },
              "plan": { "rateScale": 0 } }
            """, ("REPLAY__slo__p99", "later"));
        var problems = new ConfigurationProblems(settings.Keys);

        ReplaySetup.Slo(settings.Slo, problems);
        ReplaySetup.Load(settings.Load, problems);
        ReplaySetup.Plan(settings.Plan, problems);

        problems.All.Should().HaveCount(9);
        string all = string.Join("\n", problems.All);
        all.Should().Contain("\"slo.p95\" is \"fast\"")
            .And.Contain("\"REPLAY__slo__p99\" is \"later\"")
            .And.Contain("\"slo.maxErrorRate\" is 5")
            .And.Contain("\"slo.minAchievedRate\" is -1")
            .And.Contain("\"slo.maxUnansweredRequests\" is -3")
            .And.Contain("\"load.requestTimeout\" is \"soon\"")
            .And.Contain("\"load.freshConnectionShare\" is 2")
            .And.Contain("ErrorStatuses holds 503")
            .And.Contain("\"plan.rateScale\" is 0");
        var act = problems.ThrowIfAny;
        act.Should().Throw<ReplayConfigurationException>().Which.Problems.Should().HaveCount(9);
    }

    [Fact]
    public void A_key_written_twice_is_refused()
    {
        var act = () => Read("""{ "slo": { "p95": "300ms", "p95": "3s" } }""");

        act.Should().Throw<ReplayConfigurationException>().WithMessage("*p95*");
    }

    [Fact]
    public void New_slo_keys_are_read()
    {
        var settings = Read("""
            { "slo": { "maxUnansweredRequests": 5, "statusMixTolerance": 0.02, "maxSchedulerLag": "25ms",
                       "maxGeneratorCpu": 0.8, "failWhenInconclusive": false },
              "load": { "errorStatuses": [401, 403, 404, 429] } }
            """);

        var policy = ReplaySetup.Slo(settings.Slo);
        var load = ReplaySetup.Load(settings.Load);

        policy.MaxUnansweredRequests.Should().Be(5);
        policy.StatusMixTolerance.Should().Be(0.02);
        policy.MaxSchedulerLag.Should().Be(TimeSpan.FromMilliseconds(25));
        policy.MaxGeneratorCpu.Should().Be(0.8);
        policy.FailWhenInconclusive.Should().BeFalse();
        load.ErrorStatuses.Should().Equal(401, 403, 404, 429);
    }
}
