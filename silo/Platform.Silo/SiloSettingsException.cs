namespace Platform.Silo;

/// <summary>Bad configuration: the message is one line naming the option and the value, fit to print as is.</summary>
internal sealed class SiloSettingsException(string message) : Exception(message);
