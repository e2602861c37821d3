using Microsoft.Extensions.Caching.Memory;

namespace ShopApp.Catalog;

/// <summary>The fix, part two: a page is built once per cache period, however many shoppers ask for it.</summary>
internal sealed class CachedCatalogPages(ICatalogPages inner, IMemoryCache cache, ShopOptions options) : ICatalogPages
{
    public CatalogPage Get(int page) =>
        cache.GetOrCreate(("catalog", page), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = options.CatalogCacheDuration;
            return inner.Get(page);
        })!;
}
