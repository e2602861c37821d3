namespace ShopApp.Data;

/// <summary>The words seeded products, categories and people are made of.</summary>
internal static class CatalogNames
{
    public static readonly (string Slug, string Name)[] Categories =
    [
        ("lighting", "Lighting"), ("desks", "Desks"), ("chairs", "Chairs"), ("storage", "Storage"), ("kitchen", "Kitchen"),
        ("bathroom", "Bathroom"), ("garden", "Garden"), ("outdoor", "Outdoor"), ("textiles", "Textiles"), ("rugs", "Rugs"),
        ("decor", "Decor"), ("mirrors", "Mirrors"), ("beds", "Beds"), ("sofas", "Sofas"), ("tables", "Tables"),
        ("shelving", "Shelving"), ("kids", "Kids"), ("office", "Office"), ("tools", "Tools"), ("cookware", "Cookware"),
        ("tableware", "Tableware"), ("clocks", "Clocks"), ("plants", "Plants"), ("pets", "Pets"),
    ];

    public static readonly string[] Adjectives =
    [
        "Sturdy", "Compact", "Classic", "Modern", "Rustic", "Nordic", "Foldable", "Stackable", "Slim", "Deluxe",
        "Minimal", "Vintage", "Soft", "Bright", "Quiet", "Portable", "Heavy-duty", "Elegant", "Everyday", "Oversized",
    ];

    public static readonly string[] Materials =
    [
        "Oak", "Walnut", "Birch", "Bamboo", "Steel", "Brass", "Linen", "Cotton", "Wool", "Ceramic",
        "Glass", "Marble", "Rattan", "Leather", "Aluminium", "Pine",
    ];

    public static readonly string[] Things =
    [
        "Desk Lamp", "Floor Lamp", "Side Table", "Bookshelf", "Armchair", "Stool", "Throw Blanket", "Cushion", "Rug",
        "Mirror", "Wall Clock", "Planter", "Serving Tray", "Frying Pan", "Saucepan", "Dinner Plate", "Mug", "Storage Box",
        "Coat Rack", "Bench", "Bed Frame", "Duvet Cover", "Towel", "Shower Curtain", "Pet Bed", "Toolbox", "Desk Organiser",
    ];

    public static readonly string[] FirstNames =
    [
        "Anna", "Ben", "Chloe", "David", "Emma", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Luca", "Maya", "Noah",
        "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wim", "Yara", "Zoe",
    ];

    public static readonly string[] LastNames =
    [
        "Schmidt", "Martin", "Rossi", "Nowak", "Silva", "Jensen", "Dubois", "Kowalski", "Garcia", "Novak", "Berg",
        "Lindqvist", "Moreau", "Fischer", "Costa", "Horvat", "Keller", "Larsen", "Meyer", "Petrov",
    ];

    public static readonly string[] Warehouses = ["north", "central", "south"];
}
