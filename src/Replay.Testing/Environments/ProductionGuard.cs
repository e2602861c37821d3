using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Replay.Testing.Environments;

/// <summary>
/// Refuses to aim a replay at production: the one mistake a load tool must never make. A target is production when
/// its host equals one of production's hosts once both are normalized (case, trailing dot, IDN as punycode, port
/// and scheme ignored), when both are loopback (<c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c> are one
/// machine), or when their DNS addresses overlap (an alias). Lookups are time-limited; a name that does not resolve
/// in time is judged on the other rules, so an unreachable DNS never fails a run.
/// </summary>
internal static class ProductionGuard
{
    /// <summary>How long the lookups of one check may take together.</summary>
    internal static readonly TimeSpan LookupLimit = TimeSpan.FromSeconds(2);

    private static readonly IdnMapping Idn = new();

    public static async Task CheckAsync(Uri target, IEnumerable<string> productionHosts, bool allowProductionTarget, CancellationToken cancellationToken,
        Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        if (allowProductionTarget)
        {
            return;
        }

        string targetHost = Normalize(target.Host);
        var production = productionHosts.Select(h => (Given: h, Host: Normalize(HostOf(h)))).Where(h => h.Host.Length > 0).ToList();
        foreach (var (given, host) in production)
        {
            if (host == targetHost)
            {
                throw Refusal(target, $"its host \"{target.Host}\" is production's host \"{given}\" (rule: same host, compared without case, trailing dot or port, IDN as punycode)");
            }

            if (IsLoopback(host) && IsLoopback(targetHost))
            {
                throw Refusal(target, $"its host \"{target.Host}\" and production's host \"{given}\" are both this machine's loopback (rule: loopback)");
            }
        }

        if (production.Count == 0)
        {
            return;
        }

        resolve ??= Dns.GetHostAddressesAsync;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(LookupLimit);
        var targetAddresses = await AddressesAsync(targetHost, resolve, limit.Token).ConfigureAwait(false);
        if (targetAddresses.Count == 0)
        {
            return;
        }

        foreach (var (given, host) in production)
        {
            var shared = (await AddressesAsync(host, resolve, limit.Token).ConfigureAwait(false)).Intersect(targetAddresses).FirstOrDefault();
            if (shared is not null)
            {
                throw Refusal(target, $"its host \"{target.Host}\" resolves to {shared}, an address of production's host \"{given}\" (rule: same address)");
            }
        }
    }

    /// <summary>A host as compared: lower case, no trailing dot, IDN labels as punycode, IPv6 without brackets.</summary>
    internal static string Normalize(string host)
    {
        string h = host.Trim().TrimEnd('.').Trim('[', ']');
        if (h.Length == 0)
        {
            return h;
        }

        if (IPAddress.TryParse(h, out var address))
        {
            return Canonical(address).ToString();
        }

        try
        {
            return Idn.GetAscii(h).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return h.ToLowerInvariant();   // not a valid IDN; compared as written
        }
    }

    // Production's hosts may be written as URLs or host:port; only the host counts.
    private static string HostOf(string entry)
    {
        string e = entry.Trim();
        if (e.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(e, UriKind.Absolute, out var uri))
        {
            return uri.Host;
        }

        if (IPAddress.TryParse(e.Trim('[', ']'), out _))
        {
            return e;
        }

        return Uri.TryCreate("http://" + e, UriKind.Absolute, out var withPort) ? withPort.Host : e;
    }

    private static bool IsLoopback(string normalizedHost) =>
        normalizedHost is "localhost" || normalizedHost.EndsWith(".localhost", StringComparison.Ordinal) ||
        (IPAddress.TryParse(normalizedHost, out var address) && IPAddress.IsLoopback(address));

    private static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static async Task<HashSet<IPAddress>> AddressesAsync(string host, Func<string, CancellationToken, Task<IPAddress[]>> resolve, CancellationToken limit)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [Canonical(literal)];
        }

        try
        {
            // WaitAsync as well: a resolver that ignores the token must not hold the run either.
            var found = await resolve(host, limit).WaitAsync(limit).ConfigureAwait(false);
            return [.. found.Select(Canonical)];
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ArgumentException)
        {
            return [];   // no answer in time: judged on the other rules
        }
    }

    private static ReplayConfigurationException Refusal(Uri target, string why) => new(
        $"Refusing to replay against {target}: {why}, and an incident replay sends outage-sized traffic. Aim it at a " +
        "clone (a local process or an Upsun branch). If you really mean production, set IncidentReplayOptions.AllowProductionTarget = true in code.");
}
