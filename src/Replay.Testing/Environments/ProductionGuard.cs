namespace Replay.Testing.Environments;

/// <summary>Refuses to aim a replay at production: the one mistake a load tool must never make.</summary>
internal static class ProductionGuard
{
    public static void Check(Uri target, IEnumerable<string> productionHosts, bool allowProductionTarget)
    {
        if (allowProductionTarget)
        {
            return;
        }

        string? host = productionHosts.FirstOrDefault(h => string.Equals(h, target.Host, StringComparison.OrdinalIgnoreCase));
        if (host is not null)
        {
            throw new ReplayConfigurationException(
                $"Refusing to replay against {target}: its host \"{host}\" is one of production's hosts, and an incident " +
                "replay sends outage-sized traffic. Aim it at a clone (a local process or an Upsun branch). If you really mean " +
                "production, set IncidentReplayOptions.AllowProductionTarget = true in code.");
        }
    }
}
