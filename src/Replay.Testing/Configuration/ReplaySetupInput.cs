namespace Replay.Testing.Configuration;

/// <summary>What an adapter knows about a replay test when it sets the replay up.</summary>
/// <param name="TestClass">The test class's short name.</param>
/// <param name="TestMethod">The test method's name.</param>
/// <param name="Start">The window's start as written on the attribute.</param>
/// <param name="End">The window's end as written on the attribute.</param>
/// <param name="SourceFilePath">The test source file (from [CallerFilePath]), if known.</param>
/// <param name="TestAssembly">The test assembly.</param>
/// <param name="Slo">SLO limits set on the attribute.</param>
internal sealed record ReplaySetupInput(string TestClass, string TestMethod, string Start, string End, string? SourceFilePath,
    System.Reflection.Assembly TestAssembly, SloOverrides Slo);
