namespace Platform.Runtime.Messaging;

internal enum PeerRole : byte
{
    Silo = 1,
    Client = 2,
}
