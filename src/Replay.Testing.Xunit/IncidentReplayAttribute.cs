using System.Reflection;
using System.Runtime.CompilerServices;
using Replay.Reporting;
using Replay.Testing.Configuration;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace Replay.Testing;

/// <summary>
/// Marks a test that replays an incident window's production traffic. The method takes one <see cref="ReplayRun"/>
/// parameter; the replay runs when the body calls <see cref="ReplayRun.ReplayAsync"/>, or after the body if it does
/// not, and the SLO verdict is checked after the body. The test is skipped, with the reason and the fix, when the
/// window has no snapshot or no target is configured.
/// </summary>
/// <example>
/// <code>
/// [IncidentReplay("2026-03-10T12:00Z", "2026-03-10T13:00Z", P95 = "300ms")]
/// public async Task Fix_holds_under_outage_traffic(ReplayRun run) => await run.ReplayAsync();
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class IncidentReplayAttribute : TheoryAttribute, IDataAttribute, ITraitAttribute, IBeforeAfterTestAttribute
{
    private readonly string _start;
    private readonly string _end;
    private readonly string? _sourceFilePath;
    private readonly IncidentWindow? _window;
    private readonly ArgumentException? _windowError;

    /// <summary>Declares the incident window to replay, as ISO 8601 timestamps with explicit offsets.</summary>
    /// <param name="start">The window's start, such as <c>"2026-03-10T12:00Z"</c>.</param>
    /// <param name="end">The window's end, such as <c>"2026-03-10T13:00Z"</c>.</param>
    /// <param name="memberName">Filled in by the compiler.</param>
    /// <param name="sourceFilePath">Filled in by the compiler; snapshots are looked up beside this file.</param>
    /// <param name="sourceLineNumber">Filled in by the compiler.</param>
    /// <remarks>
    /// A malformed window (no offset, reversed, empty) does not throw here, where xUnit would drop the test during
    /// discovery: the test is listed and fails with the window's message.
    /// </remarks>
    public IncidentReplayAttribute(string start, string end,
        [CallerMemberName] string? memberName = null,
        [CallerFilePath] string? sourceFilePath = null,
        [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
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
        _sourceFilePath = sourceFilePath;

        // One stable test per method, named the same at discovery and execution; the ReplayRun is built at run time.
        DisableDiscoveryEnumeration = true;
        DisplayName = $"{memberName} [{WindowText}]";
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

    string? IDataAttribute.Label => string.Empty;

    bool? IDataAttribute.Explicit => null;

    string? IDataAttribute.TestDisplayName => null;

    int? IDataAttribute.Timeout => null;

    string[]? IDataAttribute.Traits => null;

    /// <inheritdoc />
    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() =>
        [new("Category", "IncidentReplay"), new("IncidentWindow", WindowText)];

    /// <inheritdoc />
    public ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        // Runs at execution time (discovery enumeration is off), so configuration is read when the test runs.
        ReplayRun run;
        string? skip = null;
        var context = new XunitReplayContext();
        if (_windowError is not null)
        {
            // Rethrown inside the test: the test is listed and fails with the window's message.
            return new ValueTask<IReadOnlyCollection<ITheoryDataRow>>([new TheoryDataRow(ReplayRun.Failed(null, context, _windowError)) { Label = string.Empty }]);
        }

        try
        {
            var setup = ReplaySetup.Resolve(
                new ReplaySetupInput(testMethod.DeclaringType?.Name ?? "Test", testMethod.Name, _start, _end, _sourceFilePath,
                    testMethod.DeclaringType?.Assembly ?? Assembly.GetCallingAssembly(),
                    new SloOverrides(P50, P90, P95, P99, P999, Max, MaxErrorRate, MinAchievedRate, NoWorseThanProduction, NoWorseThanBaseline)),
                DefaultReporters.All);
            context.ResultsDirectory = setup.ResultsDirectory;
            skip = setup.SkipReason;
            run = setup.Request is { } request ? new ReplayRun(request, context) : ReplayRun.Unavailable(Window, context, setup.SkipReason!);
        }
        catch (Exception e) when (e is ReplayConfigurationException or ArgumentException)
        {
            // Captured here and rethrown inside the test, where the user sees it as the test's failure.
            run = ReplayRun.Failed(Window, context, e);
        }

        var row = new TheoryDataRow(run) { Label = string.Empty, Skip = skip };
        return new ValueTask<IReadOnlyCollection<ITheoryDataRow>>([row]);
    }

    /// <inheritdoc />
    public bool SupportsDiscoveryEnumeration() => false;

    /// <inheritdoc />
    public void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
    }

    /// <inheritdoc />
    public void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        if (test.TestMethodArguments is not [ReplayRun run])
        {
            return;
        }

        var testContext = TestContext.Current;
        // xUnit's After is synchronous; a body that awaited ReplayAsync has already finished, so this only blocks
        // when the body left the replay to the adapter.
        if (run.ReplayAfterBodyAsync(testContext.CancellationToken) is not { } replay)
        {
            return;   // the body already failed with the setup error; once is enough
        }

        var report = replay.ConfigureAwait(false).GetAwaiter().GetResult();
        foreach (string artifact in ReplayAttachments.Collect(run, report, line => testContext.TestOutputHelper?.WriteLine(line)))
        {
            testContext.AddAttachment(Path.GetFileName(artifact), File.ReadAllBytes(artifact), ReplayAttachments.MediaType(artifact));
        }

        run.EnsureExpectedVerdict(report);
    }
}
