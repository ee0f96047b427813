using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Matching.Embeddings;

namespace Platform.Matching.Hosting;

/// <summary>Adds matching (embeddings and the candidate index) to a silo.</summary>
public static class MatchingSiloBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="MatchingOptions"/> bound from <paramref name="section"/> and validated when the host starts,
    /// the embedding generator it selects (<c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>: local
    /// feature hashing by default, or the OpenAI-compatible service), and the in-memory
    /// <see cref="IFreelancerMatchIndex"/> unless another index is registered (the PostgreSQL one replaces it; call order
    /// does not matter).
    /// </summary>
    public static ISiloBuilder AddPlatformMatching(this ISiloBuilder silo, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(section);
        var sectionPath = (section as IConfigurationSection)?.Path ?? string.Empty;
        var services = silo.Services;
        services.AddOptions<MatchingOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MatchingOptions>>(new MatchingOptionsValidator(sectionPath));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => CreateGenerator(provider, sectionPath));
        services.TryAddSingleton<IFreelancerMatchIndex>(
            provider => new InMemoryFreelancerMatchIndex(provider.GetRequiredService<IOptions<MatchingOptions>>().Value.Dimensions));
        return silo;
    }

    private static IEmbeddingGenerator<string, Embedding<float>> CreateGenerator(IServiceProvider provider, string sectionPath)
    {
        var options = provider.GetRequiredService<IOptions<MatchingOptions>>().Value;
        return options.Embeddings switch
        {
            EmbeddingProvider.OpenAI => OpenAIEmbeddingGeneratorFactory.Create(
                options.OpenAI,
                options.Dimensions,
                sectionPath,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILoggerFactory>()),
            _ => new HashingEmbeddingGenerator(options.Dimensions),
        };
    }
}
