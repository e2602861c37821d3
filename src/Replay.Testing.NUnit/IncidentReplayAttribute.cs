using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;
using NUnit.Framework.Internal.Commands;
using Replay.Reporting;
using Replay.Testing.Configuration;

namespace Replay.Testing;

/// <summary>
/// Marks a test that replays an incident window's production traffic. The method takes one <see cref="ReplayRun"/>
/// parameter; the replay runs when the body calls <see cref="ReplayRun.ReplayAsync"/>, or after the body if it does
/// not, and the SLO verdict is checked after the body. The test is skipped, with the reason and the fix, when the
/// window has no snapshot or no target is configured. No <c>[TestFixture]</c> or <c>[Test]</c> is needed.
/// </summary>
/// <example>
/// <code>
/// [IncidentReplay("2026-03-10T12:00Z", "2026-03-10T13:00Z", P95 = "300ms")]
/// public async Task Fix_holds_under_outage_traffic(ReplayRun run) => await run.ReplayAsync();
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class IncidentReplayAttribute : NUnitAttribute, ITestBuilder, IApplyToTest, IImplyFixture, IWrapTestMethod
{
    private readonly NUnitTestCaseBuilder _builder = new();
    private readonly string _start;
    private readonly string _end;
    private readonly IncidentWindow? _window;
    private readonly ArgumentException? _windowError;

    /// <summary>Declares the incident window to replay, as ISO 8601 timestamps with explicit offsets.</summary>
    /// <param name="start">The window's start, such as <c>"2026-03-10T12:00Z"</c>.</param>
    /// <param name="end">The window's end, such as <c>"2026-03-10T13:00Z"</c>.</param>
    /// <remarks>
    /// A malformed window (no offset, reversed, empty) does not throw here: the test is built, listed and fails with
    /// the window's message, as the xUnit adapter's does.
    /// </remarks>
    public IncidentReplayAttribute(string start, string end)
    {
        try
        {
            _window = IncidentWindow.Parse(start, end);
        }
        catch (ArgumentException e)
        {
            _windowError = e;
        }

        _start = start;
        _end = end;
    }

    /// <summary>The incident window.</summary>
    /// <exception cref="ArgumentException">A timestamp is malformed or has no offset, or the window is empty.</exception>
    public IncidentWindow Window => _window ?? throw _windowError!;

    private string WindowText => _window?.ToString() ?? $"{_start}/{_end}";

    /// <summary>The most the median response time may be, such as <c>"200ms"</c>. Overrides replay.json.</summary>
    public string? P50 { get; set; }

    /// <summary>The most the 90th-percentile response time may be. Overrides replay.json.</summary>
    public string? P90 { get; set; }

    /// <summary>The most the 95th-percentile response time may be, such as <c>"300ms"</c>. Overrides replay.json.</summary>
    public string? P95 { get; set; }

    /// <summary>The most the 99th-percentile response time may be, such as <c>"1s"</c>. Overrides replay.json.</summary>
    public string? P99 { get; set; }

    /// <summary>The most the 99.9th-percentile response time may be. Overrides replay.json.</summary>
    public string? P999 { get; set; }

    /// <summary>The most the slowest response may take. Overrides replay.json.</summary>
    public string? Max { get; set; }

    /// <summary>The largest share of failed requests, from 0 to 1 (0.01 = 1 %). Overrides replay.json.</summary>
    public double MaxErrorRate { get; set; } = double.NaN;

    /// <summary>The smallest share of planned requests that must be sent, from 0 to 1. Overrides replay.json.</summary>
    public double MinAchievedRate { get; set; } = double.NaN;

    /// <summary>True: every endpoint must be no slower than production was during the incident (its p50 and p96).</summary>
    public bool NoWorseThanProduction { get; set; }

    /// <summary>True: the replay must be no worse than the baseline replay (<c>run.ReplayBaselineAsync</c>).</summary>
    public bool NoWorseThanBaseline { get; set; }

    /// <inheritdoc />
    public IEnumerable<TestMethod> BuildFrom(IMethodInfo method, Test? suite)
    {
        ArgumentNullException.ThrowIfNull(method);
        // Cheap at discovery: this reads replay.json and looks for the snapshot file; nothing starts until the test runs.
        var context = new NUnitReplayContext();
        ReplayRun run;
        string? skip = null;
        if (_windowError is not null)
        {
            // Rethrown inside the test, where the user sees it as the test's failure.
            run = ReplayRun.Failed(null, context, _windowError);
        }
        else
        {
            try
            {
                var setup = ReplaySetup.Resolve(
                    new ReplaySetupInput(method.TypeInfo.Name, method.Name, _start, _end, null, method.MethodInfo.DeclaringType!.Assembly,
                        new SloOverrides(P50, P90, P95, P99, P999, Max, MaxErrorRate, MinAchievedRate, NoWorseThanProduction, NoWorseThanBaseline)),
                    DefaultReporters.All);
                context.ResultsDirectory = setup.ResultsDirectory;
                skip = setup.SkipReason;
                run = setup.Request is { } request ? new ReplayRun(request, context) : ReplayRun.Unavailable(Window, context, skip!);
            }
            catch (Exception e) when (e is ReplayConfigurationException or ArgumentException)
            {
                // Rethrown inside the test, where the user sees it as the test's failure.
                run = ReplayRun.Failed(Window, context, e);
            }
        }

        // NUnit names tests after their arguments by default; ours is named after the window, with no dots in it.
        var parameters = new TestCaseParameters([run]) { TestName = $"{method.Name} [{WindowText}]" };
        if (skip is not null)
        {
            parameters.RunState = RunState.Ignored;
            parameters.Properties.Set(PropertyNames.SkipReason, skip);
        }

        yield return _builder.BuildTestMethod(method, suite, parameters);
    }

    /// <inheritdoc />
    public void ApplyToTest(Test test)
    {
        ArgumentNullException.ThrowIfNull(test);
        test.Properties.Add(PropertyNames.Category, "IncidentReplay");
        test.Properties.Set("IncidentWindow", WindowText);
    }

    /// <inheritdoc />
    public TestCommand Wrap(TestCommand command) => new ReplayVerdictCommand(command);
}
