namespace Replay.Testing.Traffic.Upsun;

/// <summary>Upsun answered 499 "Too much data fetched": the range must be split.</summary>
internal sealed class UpsunTooMuchDataException(string message) : Exception(message);
