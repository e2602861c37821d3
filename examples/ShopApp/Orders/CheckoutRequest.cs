namespace ShopApp.Orders;

/// <summary>The body of POST /checkout.</summary>
public sealed record CheckoutRequest(int UserId, CartItemRequest[]? Items);
