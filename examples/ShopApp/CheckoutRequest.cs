namespace ShopApp;

/// <summary>The body of POST /checkout.</summary>
public sealed record CheckoutRequest(int[] Items);
