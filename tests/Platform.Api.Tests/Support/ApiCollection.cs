namespace Platform.Api.Tests.Support;

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiCluster>
{
    public const string Name = "api";
}
