using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Replay.Testing.NUnit.Tests;

public class IncidentReplayAttributeTests
{
    // Stands in for a user's test: never run by NUnit itself, only built.
    private static class Outage
    {
        public static Task Unconfigured_replay(ReplayRun run) => Task.CompletedTask;
    }

    private static TestMethod Build(IncidentReplayAttribute attribute)
    {
        var method = new MethodWrapper(typeof(Outage), nameof(Outage.Unconfigured_replay));
        var test = attribute.BuildFrom(method, null).Single();
        attribute.ApplyToTest(test);
        return test;
    }

    [Test]
    public void One_test_per_method_named_after_the_window_with_no_dots()
    {
        var test = Build(new IncidentReplayAttribute("2026-03-10T12:00Z", "2026-03-10T13:00Z"));

        test.Name.Should().Be("Unconfigured_replay [2026-03-10T12:00Z/2026-03-10T13:00Z]");
        test.Name.Should().NotContain(".", "a dot in a test name breaks the class name in TRX reports");
        test.Arguments.Should().ContainSingle().Which.Should().BeOfType<ReplayRun>();
    }

    [Test]
    public void Replays_carry_the_IncidentReplay_category_and_their_window()
    {
        var test = Build(new IncidentReplayAttribute("2026-03-10T12:00Z", "2026-03-10T13:00Z"));

        test.Properties[PropertyNames.Category].Cast<object>().Should().Contain("IncidentReplay");
        test.Properties.Get("IncidentWindow").Should().Be("2026-03-10T12:00Z/2026-03-10T13:00Z");
    }

    [Test]
    public void A_window_without_snapshot_is_skipped_with_the_file_to_create()
    {
        var test = Build(new IncidentReplayAttribute("2031-01-01T00:00Z", "2031-01-01T01:00Z"));

        test.RunState.Should().Be(RunState.Ignored);
        ((string)test.Properties.Get(PropertyNames.SkipReason)!)
            .Should().StartWith("No traffic snapshot for the incident window 2031-01-01T00:00Z/2031-01-01T01:00Z")
            .And.Contain("2031-01-01T0000Z_2031-01-01T0100Z.upsun.traffic.json");
    }

    [TestCase("2026-03-10T12:00", "2026-03-10T13:00Z", "*has no UTC offset*")]
    [TestCase("2026-03-10T13:00Z", "2026-03-10T12:00Z", "*at or before it starts*")]
    [TestCase("", "2026-03-10T13:00Z", "*is empty*")]
    public async Task Given_a_bad_window_when_built_then_the_test_is_runnable_and_fails_with_the_windows_message(string start, string end, string message)
    {
        // When
        var test = Build(new IncidentReplayAttribute(start, end));

        // Then: the same as the xUnit adapter: listed under its window, failing with the window's message
        test.Name.Should().Be($"Unconfigured_replay [{start}/{end}]");
        test.RunState.Should().Be(RunState.Runnable);
        test.Properties.Get("IncidentWindow").Should().Be($"{start}/{end}");
        var run = test.Arguments.Should().ContainSingle().Which.Should().BeOfType<ReplayRun>().Which;
        var act = () => run.ReplayAsync();
        await act.Should().ThrowAsync<ArgumentException>().WithMessage(message);
    }

    [Test]
    public void The_verdict_is_checked_by_a_wrapper_around_the_test_method()
    {
        var attribute = new IncidentReplayAttribute("2026-03-10T12:00Z", "2026-03-10T13:00Z");

        attribute.Should().BeAssignableTo<IWrapTestMethod>("the SLO verdict fails the test after its body")
            .And.BeAssignableTo<IImplyFixture>("a class needs no [TestFixture] to hold replays");
    }
}
