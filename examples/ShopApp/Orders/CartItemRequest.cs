namespace ShopApp.Orders;

/// <summary>A product and how many of it: the body of POST /cart/items, and a line of a checkout.</summary>
public sealed record CartItemRequest(int ProductId, int Quantity);
