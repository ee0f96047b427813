namespace Platform.Grains.Tests.Support;

/// <summary>One recipient's inbox in the tests; activated by its implicit subscription only.</summary>
public interface INotificationInboxGrain : IGrainWithStringKey;
