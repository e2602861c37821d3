namespace ShopApp.Catalog;

/// <summary>One page of the catalogue.</summary>
public sealed record CatalogPage(int Page, int PageSize, IReadOnlyList<CatalogItem> Items);
