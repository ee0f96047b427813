using YamlDotNet.RepresentationModel;

namespace Platform.Silo.Tests;

/// <summary>Reads rendered Kubernetes objects; a missing key fails with the key's name rather than a bare KeyNotFoundException.</summary>
internal static class YamlNodeExtensions
{
    public static YamlNode? Child(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static YamlMappingNode Map(this YamlMappingNode node, string key) =>
        node.MaybeMap(key) ?? throw new KeyNotFoundException($"no mapping '{key}' at {node.Start}");

    public static YamlMappingNode? MaybeMap(this YamlMappingNode node, string key) => node.Child(key) as YamlMappingNode;

    public static IReadOnlyList<YamlMappingNode> Maps(this YamlMappingNode node, string key) =>
        node.Child(key) is YamlSequenceNode sequence ? [.. sequence.Children.Cast<YamlMappingNode>()] : [];

    public static IReadOnlyList<string> Texts(this YamlMappingNode node, string key) =>
        node.Child(key) is YamlSequenceNode sequence ? [.. sequence.Children.Select(item => ((YamlScalarNode)item).Value!)] : [];

    public static string Text(this YamlMappingNode node, string key) =>
        node.MaybeText(key) ?? throw new KeyNotFoundException($"no value '{key}' at {node.Start}");

    public static string? MaybeText(this YamlMappingNode node, string key) => (node.Child(key) as YamlScalarNode)?.Value;

    /// <summary>A label selector's matchLabels (empty: it selects everything); matchExpressions are not used in k8s/ and fail loudly.</summary>
    public static Dictionary<string, string> MatchLabels(this YamlMappingNode? selector)
    {
        if (selector?.Child("matchExpressions") is not null)
        {
            throw new NotSupportedException($"matchExpressions at {selector.Start}: the tests only read matchLabels");
        }

        return selector?.MaybeMap("matchLabels") is { } labels ? labels.Labels() : [];
    }

    public static Dictionary<string, string> Labels(this YamlMappingNode map) =>
        map.Children.ToDictionary(entry => ((YamlScalarNode)entry.Key).Value!, entry => ((YamlScalarNode)entry.Value).Value!);
}
