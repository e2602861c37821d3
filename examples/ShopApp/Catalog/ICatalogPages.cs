namespace ShopApp.Catalog;

/// <summary>Builds catalogue pages; the broken and the fixed build differ only here.</summary>
public interface ICatalogPages
{
    CatalogPage Get(int page);
}
