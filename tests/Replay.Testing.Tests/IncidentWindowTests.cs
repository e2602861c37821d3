namespace Replay.Testing.Tests;

public class IncidentWindowTests
{
    [Theory]
    [InlineData("2026-03-10T12:00Z", "2026-03-10T13:00Z", "2026-03-10T12:00Z/2026-03-10T13:00Z")]
    [InlineData("2026-03-10T12:00:30Z", "2026-03-10T13:00Z", "2026-03-10T12:00:30Z/2026-03-10T13:00Z")]
    [InlineData("2026-03-10T13:00+01:00", "2026-03-10T14:00+01:00", "2026-03-10T13:00+01:00/2026-03-10T14:00+01:00")]
    public void Window_with_offsets_parses_and_prints_as_an_interval(string start, string end, string expected)
    {
        var window = IncidentWindow.Parse(start, end);

        window.ToString().Should().Be(expected);
        window.Duration.Should().BePositive();
    }

    [Fact]
    public void Offsets_are_honoured_so_the_same_instant_compares_equal()
    {
        var utc = IncidentWindow.Parse("2026-03-10T12:00Z", "2026-03-10T13:00Z");
        var paris = IncidentWindow.Parse("2026-03-10T13:00+01:00", "2026-03-10T14:00+01:00");

        paris.Start.Should().Be(utc.Start);
        paris.ToFileStem().Should().Be("2026-03-10T1200Z_2026-03-10T1300Z");
    }

    [Fact]
    public void Window_without_offset_is_rejected_with_the_fix()
    {
        var act = () => IncidentWindow.Parse("2026-03-10T12:00", "2026-03-10T13:00Z");

        act.Should().Throw<ArgumentException>()
            .WithMessage("*start \"2026-03-10T12:00\" has no UTC offset*\"2026-03-10T12:00Z\"*")
            .Which.ParamName.Should().Be("start");
    }

    [Theory]
    [InlineData("2026-03-10T13:00Z", "2026-03-10T12:00Z")]
    [InlineData("2026-03-10T12:00Z", "2026-03-10T12:00Z")]
    public void End_at_or_before_start_is_rejected(string start, string end)
    {
        var act = () => IncidentWindow.Parse(start, end);

        act.Should().Throw<ArgumentException>().WithMessage("*ends (*) at or before it starts*");
    }

    [Theory]
    [InlineData("yesterday noon Z")]
    [InlineData("2026-13-10T12:00Z")]
    [InlineData("")]
    public void Malformed_timestamp_is_rejected_naming_the_value(string start)
    {
        var act = () => IncidentWindow.Parse(start, "2026-03-10T13:00Z");

        act.Should().Throw<ArgumentException>().Which.Message.Should().Contain("start");
    }
}
