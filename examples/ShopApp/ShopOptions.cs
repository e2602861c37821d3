namespace ShopApp;

/// <summary>The shop's settings, from the <c>Shop</c> configuration section.</summary>
public sealed record ShopOptions
{
    /// <summary>
    /// Which catalogue code runs: <c>fixed</c> (one query and a cache, the default) or <c>broken</c> (the build that
    /// fell over on 2026-03-10: one query per product and no cache).
    /// </summary>
    public string Build { get; init; } = "fixed";

    /// <summary>Products per catalogue page.</summary>
    public int CatalogPageSize { get; init; } = 96;

    /// <summary>How long a catalogue page stays cached in the fixed build.</summary>
    public TimeSpan CatalogCacheDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Database work allowed at once; more queue, and past the queue requests get 503 (a saturated pool).</summary>
    public int MaxConcurrentRequests { get; init; } = 32;

    /// <summary>Requests that may wait for a free slot before the shop answers 503.</summary>
    public int RequestQueueLimit { get; init; } = 64;

    public bool IsBroken => string.Equals(Build, "broken", StringComparison.OrdinalIgnoreCase);
}
