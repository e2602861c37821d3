using System.Reflection;
using Xunit.Sdk;

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
}
