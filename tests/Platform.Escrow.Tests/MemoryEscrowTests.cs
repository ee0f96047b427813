namespace Platform.Escrow.Tests;

public sealed class MemoryEscrowTests(MemoryEscrowCluster fixture) : EscrowScenarios(fixture), IClassFixture<MemoryEscrowCluster>;
