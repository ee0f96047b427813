using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Platform.Serialization;

/// <summary>
/// The System.Text.Json settings for argument and result types without a built-in codec. Register source-generated
/// contexts with <see cref="AddResolver"/> at start-up, before the first call crosses the wire.
/// </summary>
public static class WireJson
{
    private static readonly Lock Gate = new();
    private static readonly List<IJsonTypeInfoResolver> Resolvers = [];
    private static JsonSerializerOptions? _options;

    public static JsonSerializerOptions Options
    {
        get
        {
            if (_options is { } options)
            {
                return options;
            }

            lock (Gate)
            {
                return _options ??= Build();
            }
        }
    }

    public static void AddResolver(IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        lock (Gate)
        {
            if (_options is not null)
            {
                throw new InvalidOperationException(
                    "WireJson.AddResolver must be called before the first value is serialized; call it at start-up.");
            }

            if (!Resolvers.Contains(resolver))
            {
                Resolvers.Add(resolver);
            }
        }
    }

    private static JsonSerializerOptions Build()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. Resolvers, new DefaultJsonTypeInfoResolver()]),
        };
        options.MakeReadOnly();
        return options;
    }
}
