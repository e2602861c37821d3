using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace Replay.Testing.Xunit.Tests;

public class IncidentReplayAttributeTests
{
    // Stands in for a user's test: never run by xUnit itself, only inspected.
    private static class Outage
    {
        public static Task Unconfigured_replay(ReplayRun run) => Task.CompletedTask;
    }

    private static readonly MethodInfo Method = typeof(Outage).GetMethod(nameof(Outage.Unconfigured_replay))!;

    [Fact]
    public void One_stable_name_per_method_with_the_window_as_an_interval()
    {
        var attribute = new IncidentReplayAttribute("2026-03-10T12:00Z", "2026-03-10T13:00Z", memberName: "Fix_holds");

        attribute.DisplayName.Should().Be("Fix_holds [2026-03-10T12:00Z/2026-03-10T13:00Z]");
        attribute.DisableDiscoveryEnumeration.Should().BeTrue();
        attribute.SupportsDiscoveryEnumeration().Should().BeFalse();
    }

    [Fact]
    public void Replays_carry_the_IncidentReplay_category_and_their_window()
    {
        var attribute = new IncidentReplayAttribute("2026-03-10T12:00Z", "2026-03-10T13:00Z");

        attribute.GetTraits().Should().Contain(new KeyValuePair<string, string>("Category", "IncidentReplay"))
            .And.Contain(new KeyValuePair<string, string>("IncidentWindow", "2026-03-10T12:00Z/2026-03-10T13:00Z"));
    }

    [Fact]
    public async Task A_window_without_snapshot_is_skipped_with_the_file_to_create()
    {
        var attribute = new IncidentReplayAttribute("2031-01-01T00:00Z", "2031-01-01T01:00Z");

        var rows = await attribute.GetData(Method, new DisposalTracker());

        var row = rows.Single();
        row.Skip.Should().StartWith("No traffic snapshot for the incident window 2031-01-01T00:00Z/2031-01-01T01:00Z")
            .And.Contain("2031-01-01T0000Z_2031-01-01T0100Z.upsun.traffic.json");
        row.GetData().Single().Should().BeOfType<ReplayRun>();
    }

    [Theory]
    [InlineData("2026-03-10T12:00", "2026-03-10T13:00Z", "*has no UTC offset*")]
    [InlineData("2026-03-10T13:00Z", "2026-03-10T12:00Z", "*at or before it starts*")]
    [InlineData("2026-03-10T12:00Z", "2026-03-10T12:00Z", "*at or before it starts*")]
    [InlineData("", "2026-03-10T13:00Z", "*is empty*")]
    public async Task Given_a_bad_window_when_discovered_then_the_test_is_listed_and_fails_with_the_windows_message(string start, string end, string message)
    {
        // When: discovery builds the attribute and reads its name and traits
        var attribute = new IncidentReplayAttribute(start, end, memberName: "Fix_holds");

        // Then: it is listed under its name, and running it fails with the window's message
        attribute.DisplayName.Should().Be($"Fix_holds [{start}/{end}]");
        attribute.GetTraits().Should().Contain(new KeyValuePair<string, string>("IncidentWindow", $"{start}/{end}"));
        var row = (await attribute.GetData(Method, new DisposalTracker())).Single();
        row.Skip.Should().BeNull();
        var run = row.GetData().Single().Should().BeOfType<ReplayRun>().Which;
        var act = () => run.ReplayAsync(TestContext.Current.CancellationToken);
        await act.Should().ThrowAsync<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public async Task Given_a_body_that_met_the_setup_error_when_the_after_hook_runs_then_the_error_is_not_thrown_again()
    {
        // Given: a replay that could not be set up, whose body awaited it and failed with the error
        var attribute = new IncidentReplayAttribute("2026-03-10T12:00", "2026-03-10T13:00Z");
        var run = (ReplayRun)(await attribute.GetData(Method, new DisposalTracker())).Single().GetData().Single()!;
        var body = () => run.ReplayAsync(TestContext.Current.CancellationToken);
        await body.Should().ThrowAsync<ArgumentException>();

        // When
        var after = () => attribute.After(Method, TestWithArguments.Of(run));

        // Then: the test fails once, with the body's exception; xUnit would aggregate a second copy from After
        after.Should().NotThrow();
    }

    [Fact]
    public async Task Given_a_body_that_left_the_replay_to_the_adapter_when_the_after_hook_runs_then_the_setup_error_fails_the_test()
    {
        var attribute = new IncidentReplayAttribute("2026-03-10T12:00", "2026-03-10T13:00Z");
        var run = (ReplayRun)(await attribute.GetData(Method, new DisposalTracker())).Single().GetData().Single()!;

        var after = () => attribute.After(Method, TestWithArguments.Of(run));

        after.Should().Throw<ArgumentException>().WithMessage("*has no UTC offset*");
    }

    // The After hook reads only the test's arguments; the rest of IXunitTest is not needed.
    public class TestWithArguments : DispatchProxy
    {
        private object?[] _arguments = [];

        public static IXunitTest Of(params object?[] arguments)
        {
            var test = DispatchProxy.Create<IXunitTest, TestWithArguments>();
            ((TestWithArguments)(object)test)._arguments = arguments;
            return test;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == "get_TestMethodArguments" ? _arguments : throw new NotSupportedException(targetMethod?.Name);
    }
}
