using System.Runtime.ExceptionServices;

namespace Replay.Testing;

/// <summary>
/// The replay of one incident window, handed to an <c>[IncidentReplay]</c> test. Adjust its options, then call
/// <see cref="ReplayAsync"/>; if the test body does not, the adapter replays after the body. Either way the SLO
/// verdict is checked after the test body.
/// </summary>
public sealed class ReplayRun
{
    private readonly IReplayContext _context;
    private readonly Exception? _setupFailure;
    private readonly object _gate = new();
    private ReplayRequest? _request;
    private readonly IncidentWindow? _window;
    private Task<ReplayReport>? _replay;
    private bool _setupFailureThrown;

    /// <summary>Creates a run; the test adapters do this.</summary>
    public ReplayRun(ReplayRequest request, IReplayContext context)
        : this(request.Window, request, context, null)
    {
    }

    private ReplayRun(IncidentWindow? window, ReplayRequest? request, IReplayContext context, Exception? setupFailure)
    {
        _window = window;
        _request = request;
        _context = context;
        _setupFailure = setupFailure;
    }

    /// <summary>The incident window.</summary>
    /// <exception cref="ArgumentException">The attribute's window is invalid (no offset, reversed or empty).</exception>
    public IncidentWindow Window => _window ?? throw _setupFailure!;

    /// <summary>What will be replayed, and how.</summary>
    /// <exception cref="InvalidOperationException">The replay could not be set up.</exception>
    public ReplayRequest Request => _request ?? throw new InvalidOperationException(
        $"The replay of {_window?.ToString() ?? "an invalid window"} is not set up: {_setupFailure?.Message ?? "it was skipped"}");

    /// <summary>The options the replay runs with.</summary>
    public IncidentReplayOptions Options => Request.Options;

    /// <summary>Whether the replay has started.</summary>
    public bool HasStarted => _replay is not null;

    /// <summary>The report, once the replay has finished; otherwise null.</summary>
    public ReplayReport? Report => _replay is { IsCompletedSuccessfully: true } t ? t.Result : null;

    /// <summary>The report of the baseline replay (<see cref="ReplayBaselineAsync"/>), once it has run; otherwise null.</summary>
    public ReplayReport? Baseline { get; private set; }

    /// <summary>What the baseline is called in the comparison report.</summary>
    public string BaselineLabel { get; private set; } = "before the fix";

    /// <summary>Whether the test expects this replay's verdict to fail (see <see cref="ExpectFailedVerdict"/>).</summary>
    public bool ExpectsFailedVerdict { get; private set; }

    /// <summary>Changes the options before the replay starts.</summary>
    /// <exception cref="InvalidOperationException">The replay has already started.</exception>
    public ReplayRun Configure(Func<IncidentReplayOptions, IncidentReplayOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        lock (_gate)
        {
            if (_replay is not null)
            {
                throw new InvalidOperationException("The replay has already started; call Configure before ReplayAsync.");
            }

            _request = Request with { Options = configure(Request.Options) };
        }

        return this;
    }

    /// <summary>
    /// Declares that this replay is expected to fail its SLOs, as a replay of the build before the fix should. The
    /// test then fails if the verdict is PASSED, and passes if it is FAILED.
    /// </summary>
    public ReplayRun ExpectFailedVerdict()
    {
        ExpectsFailedVerdict = true;
        return this;
    }

    /// <summary>Runs the replay once; later calls return the same report.</summary>
    /// <exception cref="ReplayConfigurationException">The replay's configuration is invalid.</exception>
    public Task<ReplayReport> ReplayAsync(CancellationToken cancellationToken = default)
    {
        if (_setupFailure is not null)
        {
            _setupFailureThrown = true;
            ExceptionDispatchInfo.Throw(_setupFailure);
        }

        lock (_gate)
        {
            var request = Baseline?.Result is { } baseline ? Request with { Options = Request.Options with { BaselineResult = baseline } } : Request;
            return _replay ??= ReplayRunner.RunAsync(request, _context, cancellationToken);
        }
    }

    /// <summary>
    /// Replays the same incident against a baseline first, such as the build before the fix, with options changed
    /// from this run's. Its verdict is not enforced: it is evidence. After the test, the adapters write a comparison
    /// report (baseline beside this run) and attach it.
    /// </summary>
    /// <param name="configure">Changes the options for the baseline, such as <c>o =&gt; o with { TargetEnvironment = … }</c>.</param>
    /// <param name="label">What the baseline is called in the report. Default "before the fix".</param>
    /// <param name="cancellationToken">Stops the baseline replay.</param>
    public async Task<ReplayReport> ReplayBaselineAsync(Func<IncidentReplayOptions, IncidentReplayOptions> configure, string label = "before the fix",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        if (_setupFailure is not null)
        {
            ExceptionDispatchInfo.Throw(_setupFailure);
        }

        var options = configure(Request.Options);
        // The baseline is what "no worse than the baseline" compares with; it cannot be held to itself.
        options = options with { Slo = options.Slo with { NoWorseThanBaseline = false } };
        var request = Request with { TestName = Request.TestName + "-baseline", Options = options };
        Baseline = await ReplayRunner.RunAsync(request, _context, cancellationToken).ConfigureAwait(false);
        BaselineLabel = label;
        return Baseline;
    }

    /// <summary>
    /// Checks a finished replay's verdict against what the test expects; the adapters call this after the test body.
    /// An INCONCLUSIVE verdict fails the test unless <see cref="SloPolicy.FailWhenInconclusive"/> is false, and never
    /// counts as the failure <see cref="ExpectFailedVerdict"/> expects.
    /// </summary>
    /// <exception cref="ReplayVerdictException">The verdict is not the expected one.</exception>
    public void EnsureExpectedVerdict(ReplayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (ExpectsFailedVerdict)
        {
            if (report.Verdict.Passed)
            {
                throw new ReplayVerdictException(report, "The replay was expected to fail its SLOs (ExpectFailedVerdict), but it passed.");
            }

            if (report.Verdict.Inconclusive)
            {
                // A generator that fell behind can make any build look broken: that is no evidence against the build.
                throw new ReplayVerdictException(report, "The replay was expected to fail its SLOs (ExpectFailedVerdict), but it was inconclusive.");
            }

            if (report.Failure is not null)
            {
                // A replay that never ran did not fail its SLOs: it proves nothing about the build.
                throw new ReplayVerdictException(report);
            }

            return;
        }

        if (report.Verdict.Inconclusive && _request?.Options.Slo.FailWhenInconclusive == false)
        {
            _context.WriteLine($"  The verdict is INCONCLUSIVE and slo.failWhenInconclusive is false: the test passes, but proves nothing.");
            return;
        }

        if (!report.Verdict.Passed)
        {
            throw new ReplayVerdictException(report);
        }
    }

    /// <summary>
    /// The replay the adapters run after the test body: null when the body already met the setup failure (it failed
    /// the test once; throwing it again would show it twice); otherwise <see cref="ReplayAsync"/>.
    /// </summary>
    internal Task<ReplayReport>? ReplayAfterBodyAsync(CancellationToken cancellationToken) =>
        _setupFailure is not null && _setupFailureThrown ? null : ReplayAsync(cancellationToken);

    /// <inheritdoc />
    public override string ToString() => _window is null ? "replay of an invalid window" : $"replay of {_window}";

    internal static ReplayRun Unavailable(IncidentWindow window, IReplayContext context, string reason) =>
        new(window, null, context, new InvalidOperationException(reason));

    internal static ReplayRun Failed(IncidentWindow? window, IReplayContext context, Exception failure) =>
        new(window, null, context, failure);
}
