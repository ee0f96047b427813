using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace Platform.Matching.Embeddings;

/// <summary>
/// The embedded default embedding generator: no model, only feature hashing. The text is lower-cased and cut into word
/// tokens (runs of letters and digits, with trailing <c>+</c> and <c>#</c> kept so that "C#" and "C++" stay apart from
/// "C"); every token and every pair of adjacent tokens adds +1 or -1 to one dimension chosen by a 64-bit hash of it; the
/// vector is then L2-normalised. Deterministic across processes and machines (the hash is FNV-1a with a fixed
/// finaliser, never <see cref="string.GetHashCode()"/>), so stored embeddings stay comparable after a restart.
/// </summary>
/// <remarks>
/// Two texts are similar exactly when they share words or word pairs: there are no synonyms ("developer" and
/// "engineer" are unrelated), no stemming ("plumbing" and "plumber" are unrelated) and no word order beyond pairs.
/// Distinct features that land in the same dimension add up (or cancel out): with 1,536 dimensions and a few dozen
/// features per text such collisions are rare and only add a little noise. docs/matching.md gives the details.
/// </remarks>
internal sealed class HashingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model id reported in <see cref="EmbeddingGeneratorMetadata"/> and on every embedding.</summary>
    public const string ModelId = "platform-feature-hashing-v1";

    // Unigrams and bigrams hash in separate namespaces, so the pair "a b" never collides with a token spelled "a b".
    private const byte UnigramTag = 1;
    private const byte BigramTag = 2;

    private readonly EmbeddingGeneratorMetadata _metadata;

    public HashingEmbeddingGenerator(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
        _metadata = new EmbeddingGeneratorMetadata("platform-hashing", providerUri: null, ModelId, dimensions);
    }

    public int Dimensions { get; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var dimensions = options?.Dimensions ?? Dimensions;
        if (dimensions < 1)
        {
            throw new ArgumentException($"Embedding dimensions must be at least 1; {dimensions} was requested.", nameof(options));
        }

        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        var index = 0;
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            index++;
            embeddings.Add(new Embedding<float>(Embed(value, dimensions, index)) { ModelId = ModelId });
        }

        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // Holds nothing to release.
    }

    /// <summary>The normalised word tokens of <paramref name="text"/>, in order: what the generator hashes.</summary>
    internal static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var token = new StringBuilder();
        var suffix = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var letterOrDigit = Rune.IsLetterOrDigit(rune);
            var mark = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if ((letterOrDigit || (mark && token.Length > 0)) && !suffix)
            {
                token.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (rune.Value is '+' or '#' && token.Length > 0)
            {
                token.Append((char)rune.Value);
                suffix = true;
            }
            else
            {
                Flush(tokens, token);
                suffix = false;
                if (letterOrDigit)
                {
                    token.Append(Rune.ToLowerInvariant(rune).ToString());
                }
            }
        }

        Flush(tokens, token);
        return tokens;
    }

    private static void Flush(List<string> tokens, StringBuilder token)
    {
        if (token.Length > 0)
        {
            tokens.Add(token.ToString());
            token.Clear();
        }
    }

    private static float[] Embed(string? text, int dimensions, int position)
    {
        var tokens = Tokenize(text ?? string.Empty);
        if (tokens.Count == 0)
        {
            // A zero vector has no direction: cosine similarity to it is undefined, so refusing is the honest answer.
            throw new ArgumentException($"Text #{position} has no word to embed: '{text}'.", "values");
        }

        var vector = new float[dimensions];
        for (var i = 0; i < tokens.Count; i++)
        {
            Add(vector, Hash(UnigramTag, tokens[i], null));
            if (i > 0)
            {
                Add(vector, Hash(BigramTag, tokens[i - 1], tokens[i]));
            }
        }

        var norm = 0d;
        foreach (var component in vector)
        {
            norm += component * component;
        }

        // Features can cancel each other out in every dimension they hit (e.g. "a b a b" style texts in a tiny space).
        if (norm == 0)
        {
            throw new ArgumentException(
                $"Text #{position} hashes to the zero vector in {dimensions} dimensions (its features cancel out): '{text}'.", "values");
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }

    private static void Add(float[] vector, ulong hash)
    {
        // The low bits choose the dimension, the top bit the sign: signed hashing keeps collisions unbiased on average.
        var dimension = (int)(hash % (ulong)vector.Length);
        vector[dimension] += (hash >> 63) == 0 ? 1f : -1f;
    }

    private static ulong Hash(byte tag, string first, string? second)
    {
        const ulong offsetBasis = 14695981039346656037;
        var hash = offsetBasis;
        hash = Mix(hash, tag);
        hash = Mix(hash, first);
        if (second is not null)
        {
            hash = Mix(hash, 0);
            hash = Mix(hash, second);
        }

        // FNV-1a spreads its entropy poorly into the low and top bits; the splitmix64 finaliser fixes both.
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111eb;
        hash ^= hash >> 31;
        return hash;
    }

    private static ulong Mix(ulong hash, byte value)
    {
        const ulong prime = 1099511628211;
        return (hash ^ value) * prime;
    }

    private static ulong Mix(ulong hash, string value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var count = Encoding.UTF8.GetBytes(value, rented);
            for (var i = 0; i < count; i++)
            {
                hash = Mix(hash, rented[i]);
            }

            return hash;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
