namespace Platform.Grains.Tests.Support;

/// <summary>The grain tests share one silo: starting Orleans per test would cost more than the tests.</summary>
[CollectionDefinition(Name)]
public sealed class MarketplaceCollection : ICollectionFixture<MarketplaceCluster>
{
    public const string Name = "marketplace";
}
