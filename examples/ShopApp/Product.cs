namespace ShopApp;

/// <summary>A product of the catalogue.</summary>
public sealed record Product(int Id, string Name, double Price);
