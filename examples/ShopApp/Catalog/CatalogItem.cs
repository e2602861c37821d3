namespace ShopApp.Catalog;

/// <summary>A product as a listing shows it: price, stock, and its review summary.</summary>
public sealed record CatalogItem(int Id, string Name, string Slug, string Category, int CategoryProducts, int PriceCents, int? PercentOff, string? Image, int InStock, double? Rating, int Reviews);
